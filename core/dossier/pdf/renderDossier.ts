import PDFDocument from 'pdfkit';
import { pdfBytes } from './pdfBytes.js';
import type { DossierModel } from '../model.js';
import { cjkFontFile, CJK_FACE } from './fonts.js';
import { A4, contentsPageCount, drawContentsPage, drawCover, type ContentsRow } from './frontMatter.js';
import { drawSeal } from '../seal/drawSeal.js';
import { drawPageImage } from './pageImage.js';
import { drawTextLayer } from './textLayer.js';

export interface Attachment {
  name: string;
  bytes: Buffer;
  mediaType: string;
  description: string;
}

export interface RenderOptions {
  now: Date;
  readMaster: (sha256: string) => Buffer;
  /**
   * Asked for once every page is drawn, so attachments can describe the pages as rendered and an
   * export cancelled or failed while drawing leaves nothing behind (no ledger entry, no checkpoint).
   */
  attachments?: () => Promise<Attachment[]>;
  /** Draws the visible seal on the cover for this signer; the signature itself is added afterwards. */
  sealSigner?: string;
  onPage?: (done: number, total: number) => void;
}

const FONT = 'cjk';

/** Cover plus catalogue pages: the pages before the first page master. */
export function frontPageCount(model: DossierModel): number {
  return 1 + contentsPageCount(model.documents.length);
}
const POINTS_PER_INCH = 72;

/**
 * One PDF per case: cover, catalogue, then every page master unchanged with an invisible OCR text
 * layer, a bookmark per document, page labels (封面, 目录1…, then 1…N) and the case in the metadata.
 * Aims at PDF/A-2b: fonts embedded, XMP metadata and an sRGB output intent (pdfkit's PDF/A mode).
 */
export async function renderDossierPdf(model: DossierModel, opts: RenderOptions): Promise<Buffer> {
  const c = model.case;
  const doc = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${c.number} 电子卷宗`,
      Subject: c.title || c.number,
      Keywords: `案号:${c.number}; 法院代字:${c.courtCode}`,
      Creator: 'CourtDesk 法院卷宗工作站',
      Producer: 'CourtDesk',
      CreationDate: opts.now,
      ModDate: opts.now,
    },
  });
  const finished = pdfBytes(doc);

  doc.registerFont(FONT, cjkFontFile(), CJK_FACE);
  const rows: ContentsRow[] = [];
  let next = 1;
  for (const d of model.documents) {
    rows.push({ title: d.title, from: next, to: next + d.pages.length - 1 });
    next += d.pages.length;
  }
  const total = next - 1;

  doc.addPage({ size: [A4.width, A4.height], margin: 0 });
  doc.outline.addItem('卷宗封面');
  drawCover(doc, c, FONT, opts.now);
  if (opts.sealSigner !== undefined) drawSeal(doc, opts.sealSigner, FONT);

  const contentsPages = frontPageCount(model) - 1;
  for (let i = 0; i < contentsPages; i++) {
    doc.addPage({ size: [A4.width, A4.height], margin: 0 });
    if (i === 0) doc.outline.addItem('卷内目录');
    drawContentsPage(doc, rows, i, FONT);
  }

  let done = 0;
  for (const d of model.documents) {
    d.pages.forEach((p, i) => {
      const pxToPt = POINTS_PER_INCH / p.dpi;
      const width = p.width * pxToPt;
      const height = p.height * pxToPt;
      doc.addPage({ size: [width, height], margin: 0 });
      if (i === 0) doc.outline.addItem(d.title);
      drawPageImage(doc, opts.readMaster(p.sha256), width, height);
      drawTextLayer(doc, p.words, pxToPt, FONT);
      opts.onPage?.(++done, total);
    });
  }

  const root = (doc as unknown as { _root: { data: Record<string, unknown> } })._root;
  // pdfkit writes plain strings as PDF names; String objects become text strings.
  root.data.PageLabels = {
    Nums: [0, { P: new String('封面') }, 1, { P: new String('目录'), S: 'D', St: 1 }, 1 + contentsPages, { S: 'D', St: 1 }],
  };
  for (const a of (await opts.attachments?.()) ?? []) {
    doc.file(a.bytes, { name: a.name, type: a.mediaType, description: a.description, relationship: 'Data' } as never);
  }
  doc.end();
  return finished;
}
