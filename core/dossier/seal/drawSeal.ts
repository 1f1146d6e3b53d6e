import type PDFDocument from 'pdfkit';
import { coverSealBox } from './placement.js';

type Doc = InstanceType<typeof PDFDocument>;

const RED = '#d40000';

/** The visible seal: a red ring with a star and the signer's name, as courts' seals look on paper. */
export function drawSeal(doc: Doc, signer: string, font: string): void {
  const { x, y, size } = coverSealBox;
  const r = size / 2;
  const cx = x + r;
  const cy = y + r;
  doc.save();
  doc.lineWidth(3).strokeColor(RED).circle(cx, cy, r - 2).stroke();
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.28 : r * 0.11;
    return [cx + rr * Math.cos(a), cy - r * 0.12 + rr * Math.sin(a)] as [number, number];
  });
  doc.polygon(...star).fillColor(RED).fill();
  doc.fillColor(RED).font(font).fontSize(Math.min(14, (size * 0.8) / Math.max(4, [...signer].length)));
  doc.text(signer, x + 6, cy + r * 0.25, { width: size - 12, align: 'center', lineBreak: false });
  doc.fontSize(9).text('电子签章', x, cy + r * 0.55, { width: size, align: 'center', lineBreak: false });
  doc.restore();
}
