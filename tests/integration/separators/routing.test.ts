import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { catalogueCase } from '../../../core/catalogue/catalogueCase.js';
import { listBatches } from '../../../core/scanning/batches/batchRepository.js';
import { capturedPageIds, captureResultJson } from '../../../core/scanning/batches/captureResult.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import type { RawPage } from '../../../core/scanning/pipeline/rawPage.js';
import { renderSheets, type SheetCase } from '../../../core/scanning/separators/sheets.js';
import { readAudit } from '../../../core/store/audit.js';
import { tempStore, type TempStore } from '../../fixtures/capture/store.js';
import { rasterise, textPage } from './sheetPages.js';

const A: SheetCase = { number: '（2024）苏0508民初1234号', title: '民间借贷纠纷', parties: [{ role: '原告', name: '张三' }] };
const B: SheetCase = { number: '（2024）苏0508民初77号', title: '买卖合同纠纷', parties: [] };
const HOME = '（2024）苏0508民初9号';

const pipeline = new PagePipeline({ detector: null, workers: 2 });
afterAll(() => pipeline.close());

let sheets: { coverA: RawPage; complaint: RawPage; coverB: RawPage };
let text: RawPage[];
beforeAll(async () => {
  const [coverA, complaint, coverB] = await rasterise(await renderSheets({ cases: [{ case: A, categories: ['起诉状'] }, { case: B, categories: [] }] }));
  sheets = { coverA, complaint, coverB };
  text = await Promise.all(['民事起诉状', '证据目录', '民事起诉状', '买卖合同'].map((t, i) => textPage([t, `第${i + 1}份材料正文，原告张三诉称。`])));
});

let store: TempStore;
afterEach(() => store?.close());

async function* feed(pages: RawPage[]): AsyncGenerator<RawPage> {
  for (const [index, p] of pages.entries()) yield { ...p, index };
}

describe('capture with cover and separator sheets', () => {
  it('splits one feeder run into cases and documents, keeping the sheets out of the dossier', async () => {
    store = tempStore({ withCase: false });
    for (const c of [A, B]) createCase(store.db, c, 'tester');
    const captures = new CaptureService({ db: store.db, blobs: store.blobs, pipeline });
    const result = await captures.scan({
      caseNumber: A.number,
      device: 'test:0',
      settings: {},
      actor: 'clerk',
      pages: feed([sheets.coverA, text[0], text[1], sheets.complaint, text[2], sheets.coverB, text[3]]),
    });

    expect(result.status).toBe('completed');
    expect(result.errors).toEqual([]);
    const json = captureResultJson(result, store.blobs);
    expect(Object.keys(json)).toEqual(['case', 'pages', 'errors', 'routed']);
    expect(json.case).toBe(A.number);
    expect(json.pages.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(json.routed).toEqual([{ case: B.number, pages: [expect.objectContaining({ index: 1 })] }]);
    // OCR reads the routed page too, not only the pages of the case the scan started in.
    const pageIds = store.db.prepare('SELECT id FROM pages ORDER BY id').pluck().all();
    expect(capturedPageIds(result).sort((a, b) => a - b)).toEqual(pageIds);

    const rows = store.db
      .prepare('SELECT c.number, p.position, p.document_id, d.category, d.title FROM pages p JOIN cases c ON c.id = p.case_id LEFT JOIN documents d ON d.id = p.document_id ORDER BY p.id')
      .all() as { number: string; position: number; document_id: number | null; category: string | null; title: string | null }[];
    // Case A: the pages after its cover sheet, then a document opened by the 起诉状 separator; case B gets the last page.
    expect(rows.map((r) => [r.number, r.position, r.category, r.title])).toEqual([
      [A.number, 1, null, null],
      [A.number, 2, null, null],
      [A.number, 3, 'complaint', '起诉状'],
      [B.number, 1, null, null],
    ]);
    expect(new Set(rows.filter((r) => r.number === A.number).map((r) => r.document_id)).size).toBe(2);

    const sheetsAudited = readAudit(store.db).filter((e) => e.action === 'page.separator');
    expect(sheetsAudited.map((e) => [e.subject, (e.after as { payload: unknown }).payload])).toEqual([
      [`case:${A.number}`, { kind: 'case', caseNumber: A.number }],
      [`case:${A.number}`, { kind: 'doc', caseNumber: A.number, category: '起诉状' }],
      [`case:${B.number}`, { kind: 'case', caseNumber: B.number }],
    ]);
    const pageShas = new Set(store.db.prepare('SELECT sha256 FROM pages').pluck().all() as string[]);
    for (const e of sheetsAudited) {
      const { sha256 } = e.after as { sha256: string };
      expect(store.blobs.has(sha256)).toBe(true);
      expect(pageShas.has(sha256)).toBe(false);
    }
    expect(readAudit(store.db).filter((e) => e.action === 'page.scan')).toHaveLength(4);

    // The machine's catalogue starts a document where the separator sheet stood, in the category printed on it.
    const proposed = catalogueCase(store.db, A.number).documents.map((d) => ({ pages: d.pages, category: d.category }));
    expect(proposed.at(-1)).toEqual({ pages: [3, 3], category: 'complaint' });
    expect(proposed.map((d) => d.pages[0])).toContain(1);

    const batchB = listBatches(store.db, store.db.prepare('SELECT id FROM cases WHERE number = ?').pluck().get(B.number) as number);
    expect(batchB.map((b) => [b.status, b.pages])).toEqual([['completed', 1]]);
  });

  it('stops the batch at a cover sheet for a case this workstation does not have', async () => {
    store = tempStore({ withCase: false });
    createCase(store.db, { number: HOME, title: '' }, 'tester');
    const captures = new CaptureService({ db: store.db, blobs: store.blobs, pipeline });
    const result = await captures.scan({ caseNumber: HOME, device: 'test:0', settings: {}, actor: 'clerk', pages: feed([text[0], sheets.coverB, text[3]]) });
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatchObject({ code: 'SEPARATOR_CASE_UNKNOWN' });
    expect(result.pages).toHaveLength(1);
    expect(store.db.prepare('SELECT COUNT(*) FROM pages').pluck().get()).toBe(1);
  });
});
