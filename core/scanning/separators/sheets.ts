import PDFDocument from 'pdfkit';
import { pdfBytes } from '../../dossier/pdf/pdfBytes.js';
import type { Party } from '../../contract/index.js';
import { CJK_FACE, cjkFontFile } from '../../dossier/pdf/fonts.js';
import { checkCategory, toAscii, type SeparatorPayload } from './payload.js';
import { code128Widths, qrMatrix } from './symbols.js';

type Doc = InstanceType<typeof PDFDocument>;

export interface SheetCase {
  number: string;
  /** 案由 */
  title: string;
  parties: Party[];
}

/** One cover sheet per case, then one separator sheet per category, in the order given. */
export interface SheetsRequest {
  cases: { case: SheetCase; categories: string[] }[];
  now?: Date;
}

const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const FONT = 'cjk';

/**
 * Sizes chosen for the detector, which reads pages at about 150 dpi: a 45 mm QR code keeps
 * even a 33-module symbol above 6 px a module; Code 128 modules are 0.34 mm (2 px) where
 * the page is wide enough, else as wide as fits.
 */
const QR_SIDE = 45 * MM;
const BAR_MODULE = 0.34 * MM;
const BAR_MAX_WIDTH = 180 * MM;
const BAR_HEIGHT = 16 * MM;

export const COVER_NOTE = '封面页：请放在本案材料最前面，扫描后其后各页自动归入本案，本页不计入卷宗';
export const SEPARATOR_NOTE = '分隔页：请放在该份材料之前，扫描后自动拆分，本页不计入卷宗';

function drawQr(doc: Doc, p: SeparatorPayload, top: number): number {
  const m = qrMatrix(p);
  const cell = QR_SIDE / m.size;
  const left = (A4.width - QR_SIDE) / 2;
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) if (m.dark(x, y)) doc.rect(left + x * cell, top + y * cell, cell, cell);
  }
  doc.fill('black');
  return top + QR_SIDE;
}

function drawCode128(doc: Doc, p: SeparatorPayload, top: number): number {
  const widths = code128Widths(p);
  const modules = widths.reduce((a, b) => a + b, 0);
  const module = Math.min(BAR_MODULE, BAR_MAX_WIDTH / modules);
  let x = (A4.width - modules * module) / 2;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(x, top, w * module, BAR_HEIGHT);
    x += w * module;
  });
  doc.fill('black');
  doc.fontSize(8).text(toAscii(p), 0, top + BAR_HEIGHT + 4, { width: A4.width, align: 'center' });
  return top + BAR_HEIGHT + 16;
}

function centred(doc: Doc, text: string, size: number, y: number): number {
  doc.fontSize(size).text(text, 50, y, { width: A4.width - 100, align: 'center' });
  return doc.y;
}

function drawCover(doc: Doc, c: SheetCase): void {
  doc.addPage({ size: 'A4', margin: 0 });
  centred(doc, '案件封面页', 30, 60);
  centred(doc, c.number, 26, 120);
  let y = 185;
  for (const [label, value] of [
    ['案由', c.title || '—'],
    ['当事人', c.parties.map((p) => `${p.role}：${p.name}`).join('；') || '—'],
  ] as const) {
    doc.fontSize(14).text(`${label}：${value}`, 80, y, { width: A4.width - 160 });
    y = doc.y + 10;
  }
  const payload: SeparatorPayload = { kind: 'case', caseNumber: c.number };
  const below = drawCode128(doc, payload, drawQr(doc, payload, Math.max(y + 20, 280)) + 30);
  centred(doc, COVER_NOTE, 13, below + 30);
}

function drawSeparator(doc: Doc, c: SheetCase, category: string): void {
  doc.addPage({ size: 'A4', margin: 0 });
  centred(doc, '分 隔 页', 36, 60);
  centred(doc, category, 30, 130);
  centred(doc, c.number, 16, 190);
  const payload: SeparatorPayload = { kind: 'doc', caseNumber: c.number, category };
  const below = drawCode128(doc, payload, drawQr(doc, payload, 280) + 30);
  centred(doc, SEPARATOR_NOTE, 13, below + 30);
}

/** The printable sheets as one A4 PDF. Throws SEPARATOR_CATEGORY_INVALID or INVALID_CASE_NUMBER before drawing anything. */
export function renderSheets(req: SheetsRequest): Promise<Buffer> {
  const jobs = req.cases.map((j) => ({ case: j.case, categories: j.categories.map(checkCategory) }));
  for (const j of jobs) toAscii({ kind: 'case', caseNumber: j.case.number });
  const now = req.now ?? new Date();
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'zh-CN',
    info: { Title: '扫描封面页与分隔页', Creator: 'CourtDesk 法院卷宗工作站', Producer: 'CourtDesk', CreationDate: now, ModDate: now },
  });
  const finished = pdfBytes(doc);
  doc.registerFont(FONT, cjkFontFile(), CJK_FACE);
  doc.font(FONT);
  for (const j of jobs) {
    drawCover(doc, j.case);
    for (const category of j.categories) drawSeparator(doc, j.case, category);
  }
  doc.end();
  return finished;
}
