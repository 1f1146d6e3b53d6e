import type PDFDocument from 'pdfkit';
import type { OcrWord } from '../model.js';

type Doc = InstanceType<typeof PDFDocument>;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Joins OCR words of one line: no space where either neighbour is CJK, one space between Latin words. */
export function joinLine(words: string[]): string {
  return words.reduce((line, w) => {
    if (!line) return w;
    const glue = CJK.test(line.at(-1)!) || CJK.test(w[0]) ? '' : ' ';
    return line + glue + w;
  }, '');
}

function groupLines(words: OcrWord[]): OcrWord[][] {
  const lines = new Map<string, OcrWord[]>();
  for (const w of words) {
    if (!w.text.trim()) continue;
    const key = `${w.block ?? 0}:${w.line ?? Math.round(w.bbox.y0 / 10)}`;
    lines.set(key, [...(lines.get(key) ?? []), w]);
  }
  return [...lines.values()].map((line) => line.sort((a, b) => a.bbox.x0 - b.bbox.x0));
}

/**
 * Invisible text (render mode 3) over each OCR line, one run per line scaled to the line's box,
 * so selection follows the image and copying gives the line's text without spurious spaces.
 */
export function drawTextLayer(doc: Doc, words: OcrWord[], pxToPt: number, font: string): void {
  const lines = groupLines(words);
  if (lines.length === 0) return;
  doc.save();
  doc.addContent('3 Tr');
  doc.font(font);
  for (const line of lines) {
    const text = joinLine(line.map((w) => w.text));
    const x0 = Math.min(...line.map((w) => w.bbox.x0)) * pxToPt;
    const y0 = Math.min(...line.map((w) => w.bbox.y0)) * pxToPt;
    const x1 = Math.max(...line.map((w) => w.bbox.x1)) * pxToPt;
    const y1 = Math.max(...line.map((w) => w.bbox.y1)) * pxToPt;
    const size = Math.max(1, y1 - y0);
    doc.fontSize(size);
    const natural = doc.widthOfString(text);
    if (natural <= 0) continue;
    // horizontalScaling is supported by pdfkit 0.15+ but missing from @types/pdfkit.
    doc.text(text, x0, y0, { lineBreak: false, horizontalScaling: (100 * (x1 - x0)) / natural } as PDFKit.Mixins.TextOptions);
  }
  doc.restore();
}
