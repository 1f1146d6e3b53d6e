import sharp from 'sharp';
import type { OcrWord } from '../../core/dossier/model.js';

export interface RenderedPage {
  width: number;
  height: number;
  dpi: number;
  jpeg: Buffer;
  g4: Buffer;
  /** One "word" per line with the box where the line was drawn (CJK glyphs are one em wide). */
  words: OcrWord[];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A page of Chinese text rendered with Noto Sans CJK, as a gray JPEG master and a CCITT G4 TIFF master. */
export async function renderTextPage(lines: string[], opts: { width?: number; height?: number; dpi?: number; fontPx?: number } = {}): Promise<RenderedPage> {
  const { width = 1240, height = 1754, dpi = 150, fontPx = 40 } = opts;
  const left = 120;
  const words: OcrWord[] = lines.map((text, i) => {
    const top = 150 + i * fontPx * 2;
    return { text, bbox: { x0: left, y0: top, x1: left + [...text].length * fontPx, y1: top + fontPx }, conf: 95, line: i + 1, block: 1 };
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${words
    .map((w) => `<text x="${w.bbox.x0}" y="${w.bbox.y1 - fontPx * 0.12}" font-size="${fontPx}" font-family="Noto Sans CJK SC">${escape(w.text)}</text>`)
    .join('')}</svg>`;
  const gray = await sharp(Buffer.from(svg)).removeAlpha().toColourspace('b-w').raw().toBuffer();
  const raw = { raw: { width, height, channels: 1 as const } };
  const jpeg = await sharp(gray, raw).jpeg({ quality: 85 }).withMetadata({ density: dpi }).toBuffer();
  const g4 = await sharp(gray, raw).threshold(128).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
  return { width, height, dpi, jpeg, g4, words };
}
