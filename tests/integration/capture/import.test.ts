import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { captureResultJson } from '../../../core/scanning/batches/captureResult.js';
import { ImportService } from '../../../core/scanning/import/importService.js';
import { PopplerRasterizer } from '../../../core/scanning/import/popplerRasterizer.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import { TesseractOrientationDetector } from '../../../native/tesseract/osd.js';
import { corruptStream, makePdf, makeTiff } from '../../fixtures/capture/documents.js';
import { A4, blockTextGray, scanLike, svgGray, textPageSvg } from '../../fixtures/capture/pages.js';
import { CASE, pageRows, tempStore, type TempStore } from '../../fixtures/capture/store.js';

const pipeline = new PagePipeline({ detector: new TesseractOrientationDetector() });
afterAll(() => pipeline.close());

const counts = (s: TempStore) => ({
  pages: (s.db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n,
  batches: (s.db.prepare('SELECT COUNT(*) AS n FROM capture_batches').get() as { n: number }).n,
});

async function failure(p: Promise<unknown>): Promise<CourtError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CourtError);
  return e as CourtError;
}

describe('file import', () => {
  let store: TempStore;
  let importer: ImportService;
  const file = (name: string, bytes: Buffer | string) => {
    const path = join(store.dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const importOne = (path: string) => importer.importFile({ caseNumber: CASE, file: path, actor: 'clerk1' });

  beforeEach(() => {
    store = tempStore();
    importer = new ImportService({ db: store.db, blobs: store.blobs, pipeline, pdf: new PopplerRasterizer() });
  });
  afterEach(() => store.close());

  it('imports a 3-page PDF: born-digital pages as they are, a scanned page straightened', async () => {
    const scan = await scanLike(blockTextGray({ seed: 3 }), A4.width, A4.height, { skew: 4 });
    const jpeg = await sharp(scan.data, { raw: { width: scan.width, height: scan.height, channels: 1 } }).jpeg({ quality: 80 }).toBuffer();
    const pdf = await makePdf([{ text: '民事起诉状\n原告：张三\n被告：李四' }, { text: '证据目录\n一、借条一份' }, { jpeg }]);
    const result = await importOne(file('起诉材料.pdf', pdf));

    expect(result.pages.map((p) => p.position)).toEqual([1, 2, 3]);
    expect(result.pages.map((p) => p.dpi)).toEqual([300, 300, 300]);
    expect(result.pages.slice(0, 2).map((p) => [p.skew, p.rotated])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(Math.abs(result.pages[2].skew - 4)).toBeLessThan(0.5);
    expect(result.pages.every((p) => !p.blank && p.mediaType === 'image/jpeg')).toBe(true);
    // text pages without colour are stored gray
    expect((await sharp(store.blobs.read(result.pages[0].sha256)).metadata()).channels).toBe(1);
    const batch = store.db.prepare('SELECT kind, status, settings_json FROM capture_batches').get() as { kind: string; status: string; settings_json: string };
    expect(batch).toMatchObject({ kind: 'import', status: 'completed' });
    expect(JSON.parse(batch.settings_json)).toMatchObject({ file: '起诉材料.pdf', format: 'pdf', pages: 3 });
  });

  it('imports a multi-page 1-bit TIFF as lineart pages', async () => {
    const a = await svgGray(textPageSvg({ lines: 10 }));
    const b = await svgGray(textPageSvg({ lines: 4, first: 3 }));
    const result = await importOne(file('fax.tif', await makeTiff([a, b], { bilevel: true })));
    expect(result.pages).toHaveLength(2);
    expect(result.pages.map((p) => p.mediaType)).toEqual(['image/tiff', 'image/tiff']);
    const meta = await sharp(store.blobs.read(result.pages[1].sha256)).metadata();
    expect(meta.bitsPerSample).toBe(1);
  });

  it('imports a gray multi-page TIFF, a JPEG and a PNG, judged by content not name', async () => {
    const page = await svgGray(textPageSvg({ lines: 8 }));
    const tiff = await makeTiff([page, page], { bilevel: false });
    const raw = { raw: { width: page.width, height: page.height, channels: 1 as const } };
    const jpeg = await sharp(page.data, raw).withDensity(300).jpeg().toBuffer();
    const png = await sharp(page.data, raw).png().toBuffer();
    await importOne(file('scan.tiff', tiff));
    await importOne(file('photo.jpg', jpeg));
    await importOne(file('misnamed.jpg', png)); // a PNG with the wrong extension is still a PNG
    const rows = pageRows(store.db);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.batch_id)).size).toBe(3);
    expect(rows.every((r) => r.source === 'import' && r.blank === 0)).toBe(true);
  });

  it('refuses a truncated PDF, naming it, with nothing added', async () => {
    const pdf = await makePdf([{ text: '第一页' }, { text: '第二页' }, { text: '第三页' }]);
    const err = await failure(importOne(file('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6)))));
    expect(err.code).toBe('IMPORT_DAMAGED');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('truncated.pdf');
    expect(counts(store)).toEqual({ pages: 0, batches: 0 });
  });

  it('names the damaged page of a PDF and imports none of its pages', async () => {
    const pdf = corruptStream(await makePdf([{ text: '第一页' }, { text: '第二页' }, { text: '第三页' }]), 3);
    const err = await failure(importOne(file('x.pdf', pdf)));
    expect(err.code).toBe('IMPORT_DAMAGED');
    expect(err.message).toBe('文件 x.pdf 第 3 页无法读取');
    expect(err.details).toMatchObject({ page: 3 });
    expect(counts(store)).toEqual({ pages: 0, batches: 0 });
  });

  it('refuses a text file named .pdf as unsupported', async () => {
    const err = await failure(importOne(file('notes.pdf', '这不是 PDF，只是一段文字。\n')));
    expect(err.code).toBe('IMPORT_UNSUPPORTED');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('notes.pdf');
    expect(err.message).toContain('纯文本');
    expect(counts(store)).toEqual({ pages: 0, batches: 0 });
  });

  it('imports several files, each all-or-nothing, and reports the bad ones', async () => {
    const png = await sharp(Buffer.from(textPageSvg({ lines: 3, width: 1240, height: 1754 }))).png().toBuffer();
    const good = file('good.png', png);
    const bad = file('bad.png', png.subarray(0, png.length >> 1));
    const result = await importer.importFiles({ caseNumber: CASE, files: [good, bad], actor: 'clerk1' });
    expect(result.status).toBe('failed');
    expect(result.pages).toHaveLength(1);
    const json = captureResultJson(result, store.blobs);
    expect(json.case).toBe(CASE);
    expect(json.pages.map((p) => p.index)).toEqual([1]);
    expect(json.errors.map((e) => [e.code, e.details?.file])).toEqual([['IMPORT_DAMAGED', bad]]);
    expect(counts(store)).toEqual({ pages: 1, batches: 1 });
  });
});
