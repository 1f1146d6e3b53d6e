import PDFDocument from 'pdfkit';
import { pdfBytes } from '../../dossier/pdf/pdfBytes.js';
import { CJK_FACE, cjkFontFile } from '../../dossier/pdf/fonts.js';
import type { ReceiptContent } from './receiptContent.js';

type Doc = InstanceType<typeof PDFDocument>;

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 60;
const RIGHT = A4.width - 60;
const BOTTOM = A4.height - 70;
const FONT = 'cjk';

/** Courts across China keep Beijing time; the paper says the time the person at the counter saw. */
const beijing = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function beijingTime(iso: string | Date): string {
  const parts = Object.fromEntries(beijing.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export interface ReceiptIssue {
  number: string;
  issuedAt: Date;
  /** The member of staff who took the papers in, as printed under 收件人. */
  issuedBy: string;
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table that starts a new page (and repeats its header) when the page is full. */
function table(doc: Doc, y: number, columns: Column[], rows: string[][]): number {
  const header = (top: number) => {
    doc.fontSize(10.5).fillColor('#000');
    let x = LEFT;
    for (const c of columns) {
      doc.text(c.title, x + 3, top, { width: c.width - 6, align: c.align ?? 'left' });
      x += c.width;
    }
    doc.moveTo(LEFT, top + 17).lineTo(RIGHT, top + 17).lineWidth(0.8).stroke();
    return top + 24;
  };
  let top = header(y);
  for (const row of rows) {
    const height = Math.max(...row.map((cell, i) => doc.heightOfString(cell, { width: columns[i].width - 6 }))) + 8;
    if (top + height > BOTTOM) {
      doc.addPage({ size: [A4.width, A4.height], margin: 0 });
      top = header(60);
    }
    let x = LEFT;
    row.forEach((cell, i) => {
      doc.text(cell, x + 3, top, { width: columns[i].width - 6, align: columns[i].align ?? 'left' });
      x += columns[i].width;
    });
    top += height;
    doc.moveTo(LEFT, top - 4).lineTo(RIGHT, top - 4).lineWidth(0.3).strokeColor('#999').stroke().strokeColor('#000');
  }
  return top + 6;
}

function ensureSpace(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage({ size: [A4.width, A4.height], margin: 0 });
  return 60;
}

/**
 * 收件回执: one A4 sheet (more if much was received) for the person who handed the papers in:
 * the court and case, each batch taken in with its time, way, staff member and page count, the
 * documents once catalogued, the total, the receipt number and time, and lines to sign.
 */
export function renderReceiptPdf(content: ReceiptContent, issue: ReceiptIssue): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'zh-CN',
    info: {
      Title: `收件回执 ${issue.number}`,
      Subject: content.case.number,
      Creator: 'CourtDesk 法院卷宗工作站',
      Producer: 'CourtDesk',
      CreationDate: issue.issuedAt,
      ModDate: issue.issuedAt,
    },
  });
  const finished = pdfBytes(doc);
  doc.registerFont(FONT, cjkFontFile(), CJK_FACE);
  doc.addPage({ size: [A4.width, A4.height], margin: 0 });
  doc.font(FONT);

  doc.fontSize(22).text('收 件 回 执', 0, 56, { width: A4.width, align: 'center' });
  doc.fontSize(10).fillColor('#444').text(`回执编号：${issue.number}`, LEFT, 92, { width: RIGHT - LEFT, align: 'right' }).fillColor('#000');

  let y = 118;
  const c = content.case;
  const fields: [string, string][] = [
    ['收件法院', `法院代字 ${c.courtCode}`],
    ['案号', c.number],
    ['案由', c.title || '—'],
    ['当事人', c.parties.map((p) => `${p.role}：${p.name}`).join('；') || '—'],
    ['收件时间', beijingTime(issue.issuedAt)],
  ];
  doc.fontSize(12);
  for (const [label, value] of fields) {
    doc.text(`${label}：`, LEFT, y, { width: 80 });
    doc.text(value, LEFT + 80, y, { width: RIGHT - LEFT - 80 });
    y = Math.max(y + 20, doc.y + 6);
  }

  y = ensureSpace(doc, y + 8, 80);
  doc.fontSize(13).text('收到材料', LEFT, y);
  y = table(
    doc,
    y + 24,
    [
      { title: '序号', width: 40, align: 'center' },
      { title: '收件时间', width: 110 },
      { title: '方式', width: 165 },
      { title: '经办人', width: 100 },
      { title: '页数', width: 60, align: 'right' },
    ],
    content.batches.map((b, i) => [String(i + 1), beijingTime(b.startedAt), `${b.kind === 'scan' ? '纸质材料扫描' : '电子材料导入'}（${b.source}）`, b.operator, String(b.pages)]),
  );

  if (content.documents.length > 0) {
    y = ensureSpace(doc, y + 8, 80);
    doc.fontSize(13).text('材料目录', LEFT, y);
    y = table(
      doc,
      y + 24,
      [
        { title: '序号', width: 40, align: 'center' },
        { title: '材料名称', width: 285 },
        { title: '页码', width: 90 },
        { title: '页数', width: 60, align: 'right' },
      ],
      content.documents.map((d, i) => [String(i + 1), d.title, d.from === d.to ? String(d.from) : `${d.from}–${d.to}`, String(d.to - d.from + 1)]),
    );
  }

  y = ensureSpace(doc, y + 6, 150);
  doc.fontSize(13).text(`合计：共收到材料 ${content.pages} 页`, LEFT, y);
  y += 44;
  doc.fontSize(12);
  doc.text('交件人（签名）：', LEFT, y);
  doc.moveTo(LEFT + 100, y + 15).lineTo(LEFT + 250, y + 15).lineWidth(0.6).stroke();
  doc.text('联系电话：', LEFT + 270, y);
  doc.moveTo(LEFT + 335, y + 15).lineTo(RIGHT, y + 15).stroke();
  y += 36;
  doc.text(`收件人：${issue.issuedBy}`, LEFT, y);
  doc.text('日期：', LEFT + 270, y);
  doc.moveTo(LEFT + 305, y + 15).lineTo(RIGHT, y + 15).stroke();
  y += 40;
  doc
    .fontSize(9)
    .fillColor('#555')
    .text('本回执仅证明人民法院已收到上列材料，不代表对材料内容的审查意见或对案件的受理决定。请妥善保管本回执，查询时请提供回执编号。', LEFT, y, {
      width: RIGHT - LEFT,
    });
  doc.end();
  return finished;
}
