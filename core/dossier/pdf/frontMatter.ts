import type PDFDocument from 'pdfkit';
import type { Case } from '../../contract/index.js';

type Doc = InstanceType<typeof PDFDocument>;

export const A4 = { width: 595.28, height: 841.89 };

export interface ContentsRow {
  title: string;
  from: number;
  to: number;
}

/** 卷宗封面: the case's identity, as on the paper file's cover. */
export function drawCover(doc: Doc, c: Case, font: string, exportedAt: Date): void {
  doc.font(font).fontSize(28).text('电子卷宗', 0, 150, { width: A4.width, align: 'center' });
  doc.fontSize(16);
  const rows: [string, string][] = [
    ['案号', c.number],
    ['案由', c.title || '—'],
    ['当事人', c.parties.map((p) => `${p.role}：${p.name}`).join('；') || '—'],
    ['法院代字', c.courtCode],
    ['立卷时间', exportedAt.toISOString().slice(0, 10)],
  ];
  let y = 300;
  for (const [label, value] of rows) {
    doc.text(`${label}：`, 110, y, { width: 90 });
    doc.text(value, 200, y, { width: 300 });
    y = Math.max(y + 36, doc.y + 16);
  }
}

const ROWS_PER_PAGE = 28;

export function contentsPageCount(rows: number): number {
  return Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
}

/** 卷内目录: document titles and their page ranges; call once per contents page. */
export function drawContentsPage(doc: Doc, rows: ContentsRow[], pageIndex: number, font: string): void {
  doc.font(font).fontSize(20).text('卷内目录', 0, 60, { width: A4.width, align: 'center' });
  doc.fontSize(12);
  const top = 110;
  doc.text('序号', 60, top).text('文件名称', 110, top).text('页号', 460, top);
  doc.moveTo(55, top + 18).lineTo(540, top + 18).stroke();
  rows.slice(pageIndex * ROWS_PER_PAGE, (pageIndex + 1) * ROWS_PER_PAGE).forEach((row, i) => {
    const y = top + 28 + i * 24;
    const n = pageIndex * ROWS_PER_PAGE + i + 1;
    doc.text(String(n), 60, y, { width: 40 });
    doc.text(row.title, 110, y, { width: 340, lineBreak: false, ellipsis: true });
    doc.text(row.from === row.to ? String(row.from) : `${row.from}–${row.to}`, 460, y, { width: 80 });
  });
}
