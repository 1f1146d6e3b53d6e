import type { RawWord } from '../../core/ocr/normalize.js';

export interface ParsedTsv {
  width: number;
  height: number;
  words: RawWord[];
}

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const PAGE_LEVEL = 1;
const WORD_LEVEL = 5;

/**
 * Parses tesseract's TSV output (12 tab-separated columns, one row per page, block, paragraph,
 * line and word). Only the first page is read: page blobs hold one page each. Returns null
 * when the output is not TSV, so the caller can report a failed run rather than an empty page.
 */
export function parseTesseractTsv(tsv: string): ParsedTsv | null {
  const rows = tsv.split(/\r?\n/);
  if (rows[0]?.trim() !== HEADER) return null;
  let width = 0;
  let height = 0;
  const words: RawWord[] = [];
  for (const row of rows.slice(1)) {
    if (!row) continue;
    const cols = row.split('\t');
    if (cols.length !== 12) return null;
    const n = cols.slice(0, 11).map(Number);
    if (!n.every(Number.isFinite)) return null;
    const [level, page, block, par, line, , left, top, w, h, conf] = n;
    if (page !== 1) continue;
    if (level === PAGE_LEVEL) {
      width = w;
      height = h;
    } else if (level === WORD_LEVEL && cols[11].trim()) {
      words.push({
        text: cols[11],
        bbox: { x0: left, y0: top, x1: left + w, y1: top + h },
        conf: Math.max(0, Math.min(100, conf)),
        block,
        par,
        line,
      });
    }
  }
  if (width <= 0 || height <= 0) return null;
  return { width, height, words };
}
