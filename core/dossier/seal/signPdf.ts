import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { CadesSigner } from './cadesSigner.js';
import { commonName, openP12 } from './p12.js';

export interface SealOptions {
  p12: Buffer;
  passphrase: string;
  reason: string;
  location: string;
  /** The visible seal's box on the first page, in PDF user space [x1, y1, x2, y2] (origin bottom-left). */
  widgetRect: [number, number, number, number];
}

/** Adds a PAdES (ETSI.CAdES.detached) signature as an incremental update, so the signed bytes stay as they were. */
export async function signPdf(pdf: Buffer, opts: SealOptions): Promise<Buffer> {
  const identity = openP12(opts.p12, opts.passphrase);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: opts.reason,
    contactInfo: '',
    name: commonName(identity.cert) || 'CourtDesk',
    location: opts.location,
    signingTime: new Date(),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: opts.widgetRect,
    appName: 'CourtDesk',
  });
  return new SignPdf().sign(withPlaceholder, new CadesSigner(identity));
}
