import { existsSync } from 'node:fs';
import { resourcePath } from '../../config/resources.js';
import { CourtError } from '../../contract/index.js';

/**
 * Noto Sans CJK from Debian's fonts-noto-cjk (the TTC holds SC, TC, JP and KR faces; pdfkit
 * subsets the one named). The packaged app ships a copy under resources/fonts.
 */
const candidates = [
  process.env.COURTDESK_CJK_FONT,
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  resourcePath('fonts', 'NotoSansCJK-Regular.ttc'),
].filter((f): f is string => Boolean(f));

export const CJK_FACE = 'NotoSansCJKsc-Regular';

export function cjkFontFile(): string {
  const found = candidates.find((f) => existsSync(f));
  if (!found) {
    throw new CourtError('DOSSIER_FONT_MISSING', { details: { looked: candidates } });
  }
  return found;
}
