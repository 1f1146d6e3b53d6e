import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { readG4Tiff } from '../../../core/dossier/pdf/tiffG4.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { renderTextPage, type RenderedPage } from '../../helpers/pageImages.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
let complaint: RenderedPage;
let judgment: RenderedPage;

beforeAll(async () => {
  complaint = await renderTextPage(['民事起诉状', '原告张三，男，汉族。', '被告李四借款伍万元整。']);
  judgment = await renderTextPage(['江苏省苏州市吴中区人民法院', '民事判决书', '判决如下：被告于十日内归还借款。']);
});

function addDocument(db: Db, blobs: BlobStore, caseId: number, position: number, title: string, pages: { master: Buffer; mediaType: string; page: RenderedPage }[]): void {
  const { lastInsertRowid: docId } = db.prepare('INSERT INTO documents (case_id, position, category, title) VALUES (?, ?, ?, ?)').run(caseId, position, title, title);
  for (const [i, p] of pages.entries()) {
    const sha = blobs.put(p.master);
    const { lastInsertRowid: pageId } = db
      .prepare("INSERT INTO pages (case_id, document_id, position, sha256, media_type, width, height, dpi, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'test')")
      .run(caseId, docId, position * 100 + i, sha, p.mediaType, p.page.width, p.page.height, p.page.dpi);
    db.prepare("INSERT INTO page_text (page_id, text, words_json, lang, engine) VALUES (?, ?, ?, 'chi_sim', 'test')").run(
      pageId,
      p.page.words.map((w) => w.text).join('\n'),
      JSON.stringify(p.page.words),
    );
  }
}

async function exportSample(): Promise<{ file: string; result: Awaited<ReturnType<typeof exportDossier>>; masters: Buffer[] }> {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'store.sqlite'));
  const blobs = new BlobStore(join(dir, 'pages'));
  const c = createCase(db, { number: '（2024）苏0506民初88号', title: '民间借贷纠纷', parties: [{ role: '原告', name: '张三' }] }, 'clerk');
  addDocument(db, blobs, c.id, 1, '起诉状', [{ master: complaint.jpeg, mediaType: 'image/jpeg', page: complaint }]);
  addDocument(db, blobs, c.id, 2, '判决书', [
    { master: judgment.g4, mediaType: 'image/tiff', page: judgment },
    { master: complaint.jpeg, mediaType: 'image/jpeg', page: complaint },
  ]);
  const file = join(dir, 'out', 'dossier.pdf');
  const result = await exportDossier({ db, blobs }, { caseNumber: c.number, out: file, actor: 'clerk' });
  db.close();
  return { file, result, masters: [complaint.jpeg, judgment.g4] };
}

describe('e-dossier PDF export', () => {
  it('passes qpdf --check and reports its pages and case metadata to pdfinfo', async () => {
    const { file, result } = await exportSample();
    expect(result).toMatchObject({ case: '（2024）苏0506民初88号', pages: 3, documents: 2 });
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+5/);
    expect(info).toContain('（2024）苏0506民初88号 电子卷宗');
  });

  it('copies Chinese text without spurious spaces, and lists the documents in the catalogue page', async () => {
    const { file } = await exportSample();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('被告李四借款伍万元整。');
    expect(text).toContain('判决如下：被告于十日内归还借款。');
    expect(text).toContain('卷内目录');
    expect(text).toMatch(/起诉状[\s\S]*1[\s\S]*判决书[\s\S]*2–3/);
  });

  it('embeds page masters unchanged: the JPEG stream and the G4 strips byte for byte', async () => {
    const { file, masters } = await exportSample();
    const pdf = readFileSync(file);
    expect(pdf.includes(masters[0])).toBe(true);
    for (const strip of readG4Tiff(masters[1])!.strips) expect(pdf.includes(strip)).toBe(true);
  });

  it('renders the G4 page upright and black on white (poppler)', async () => {
    const { file } = await exportSample();
    const dir = tempDir();
    execFileSync('pdftoppm', ['-f', '4', '-l', '4', '-r', '100', '-gray', '-png', file, join(dir, 'p')]);
    const png = readFileSync(join(dir, 'p-4.png'));
    const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const dark = (y0: number, y1: number) => {
      let n = 0;
      for (let y = Math.floor(y0 * info.height); y < y1 * info.height; y++) for (let x = 0; x < info.width; x++) if (data[y * info.width + x] < 128) n++;
      return n;
    };
    expect(dark(0, 1) / (info.width * info.height)).toBeLessThan(0.1);
    expect(dark(0, 0.25)).toBeGreaterThan(50);
    expect(dark(0.5, 1)).toBe(0);
  });

  it('opens in pdf.js with a bookmark per document, page labels and the case metadata', async () => {
    const { file } = await exportSample();
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    expect(doc.numPages).toBe(5);
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['卷宗封面', '卷内目录', '起诉状', '判决书']);
    expect(await doc.getPageLabels()).toEqual(['封面', '目录1', '1', '2', '3']);
    const { info } = (await doc.getMetadata()) as { info: Record<string, string> };
    expect(info.Keywords).toContain('（2024）苏0506民初88号');
    const page = await doc.getPage(3);
    const content = await page.getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toContain('原告张三，男，汉族。');
    await doc.destroy();
  });

  it('writes nothing for a case without pages', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 's.sqlite'));
    createCase(db, { number: '（2024）苏0506民初89号' }, 'clerk');
    const out = join(dir, 'x.pdf');
    await expect(exportDossier({ db, blobs: new BlobStore(join(dir, 'pages')) }, { caseNumber: '（2024）苏0506民初89号', out, actor: 'c' })).rejects.toMatchObject({ code: 'DOSSIER_EMPTY' });
    expect(() => readFileSync(out)).toThrow();
    writeFileSync(join(dir, 'ok'), '');
    db.close();
  });
});
