import { verifyManifest, type ManifestVerdict } from '../../ledger/manifest.js';
import { reassemble, type Frame } from '../integrity/frames.js';
import { INTEGRITY_ATTACHMENT, IntegrityAttachmentSchema } from '../integrity/integrityAttachment.js';
import { readPdf } from './readPdf.js';

/**
 * A page's own frame first; then any other, so that a page moved elsewhere is still rebuilt and
 * reported as reordered rather than altered. Unrebuildable pages hash as their raw streams.
 */
function rebuildMaster(streams: Buffer[], frames: readonly Frame[], position: number): Buffer {
  const order = [position, ...frames.keys()].filter((i) => i < frames.length);
  for (const i of order) {
    const master = reassemble(frames[i], streams);
    if (master) return master;
  }
  return Buffer.concat(streams);
}

export type PdfVerdict = ManifestVerdict | { status: 'not-ours' | 'damaged'; reason: string };

/**
 * Verifies an exported e-dossier from the file alone: rebuilds every page master from the PDF's
 * image streams, then checks the embedded manifest (signed checkpoint, inclusion proofs, export
 * leaf) against them. Pages are compared in file order, so inserted, dropped, swapped or altered
 * pages are reported with the document they belong to.
 */
export async function verifyDossierPdf(bytes: Uint8Array, opts: { trustedVerifierKeys?: readonly string[] } = {}): Promise<PdfVerdict> {
  let pdf: Awaited<ReturnType<typeof readPdf>>;
  try {
    pdf = await readPdf(bytes);
  } catch (err) {
    return { status: 'damaged', reason: String(err instanceof Error ? err.message : err) };
  }
  const raw = pdf.attachments.get(INTEGRITY_ATTACHMENT);
  if (!raw) return { status: 'not-ours', reason: `没有 ${INTEGRITY_ATTACHMENT} 附件` };
  let attachment;
  try {
    attachment = IntegrityAttachmentSchema.parse(JSON.parse(raw.toString('utf8')));
  } catch (err) {
    return { status: 'damaged', reason: `完整性附件无法解析：${String(err instanceof Error ? err.message : err)}` };
  }
  const body = pdf.pages.slice(attachment.frontPages);
  const masters = body.map((page, i) => rebuildMaster(page.streams, attachment.frames, i));
  return verifyManifest(attachment.manifest, masters, opts);
}
