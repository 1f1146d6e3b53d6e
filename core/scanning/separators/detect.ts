import sharp from 'sharp';
import { unpackRaw } from '../pipeline/pixels.js';
import { checkRawPage, type RawPage } from '../pipeline/rawPage.js';
import { readCodes } from './barcodeReader.js';
import { parsePayload, type SeparatorPayload } from './payload.js';

/** Resolution the page is read at: the sheets' QR codes keep 6 px a module here, and a page costs a quarter of 300 dpi. */
export const DETECT_DPI = 150;
/** For pages without a resolution (imported photos): the width an A4 page has at DETECT_DPI. */
const FALLBACK_WIDTH = 1240;

/** A page reduced to what the reader looks at. */
export async function detectionImage(page: RawPage): Promise<{ gray: Uint8Array; width: number; height: number }> {
  checkRawPage(page);
  const px = unpackRaw(page, page.data);
  const scale = page.resolution > 0 ? Math.min(1, DETECT_DPI / page.resolution) : Math.min(1, FALLBACK_WIDTH / page.width);
  const { data, info } = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: px.channels } })
    .resize(Math.max(1, Math.round(px.width * scale)), Math.max(1, Math.round(px.height * scale)), { kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

/**
 * The separator or cover sheet payload printed on this page, or null for any other page. Only
 * a code whose text is our versioned, valid payload counts, so the QR codes that judgments and
 * receipts carry are ordinary pages.
 */
export async function detectSeparator(page: RawPage): Promise<SeparatorPayload | null> {
  const img = await detectionImage(page);
  for (const text of await readCodes(img.gray, img.width, img.height)) {
    const payload = parsePayload(text);
    if (payload) return payload;
  }
  return null;
}
