import type { OrientationInput } from './types.js';

/** Below this many rows (about 3 cm at 150 dpi) a band holds too few lines to judge. */
const MIN_BAND_ROWS = 180;

/**
 * The middle third of the page, without copying. Tesseract's orientation detection lays out the
 * whole image before it looks at characters, so a third of the page costs well under half the
 * time and on a page of text still holds far more characters than the detector needs; a page
 * whose middle is empty or unclear is asked about in full (pagePipeline).
 */
export function middleBand(page: OrientationInput): OrientationInput | null {
  const rows = Math.floor(page.height / 3);
  if (rows < MIN_BAND_ROWS) return null;
  const start = rows * page.width;
  return { ...page, gray: page.gray.subarray(start, start + rows * page.width), height: rows };
}
