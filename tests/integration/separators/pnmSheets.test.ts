import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import { renderSheets } from '../../../core/scanning/separators/sheets.js';
import { readAudit } from '../../../core/store/audit.js';
import { createIsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';
import { tempStore } from '../../fixtures/capture/store.js';
import { rasterise } from './sheetPages.js';

const CASE = '（2024）苏0508民初1234号';
const config = saneTestConfig();
const scanner = createIsolatedScanner({ env: config.env });
const pipeline = new PagePipeline({ detector: null, workers: 1 });
afterAll(async () => {
  await scanner.close();
  await pipeline.close();
  rmSync(config.dir, { recursive: true, force: true });
});

describe('separator sheets through the real SANE API', () => {
  it('recognises a printed 起诉状 separator served by the pnm device, and keeps the sheet out of the dossier', async () => {
    const [, separator] = await rasterise(await renderSheets({ cases: [{ case: { number: CASE, title: '', parties: [] }, categories: ['起诉状'] }] }));
    const file = join(config.dir, 'separator.pgm');
    writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${separator.width} ${separator.height}\n255\n`), separator.data]));

    const store = tempStore({ withCase: false });
    try {
      createCase(store.db, { number: CASE }, 'tester');
      const settings = { source: 'flatbed' as const, resolution: 300, options: { filename: file } };
      const result = await new CaptureService({ db: store.db, blobs: store.blobs, pipeline }).scan({
        caseNumber: CASE,
        device: 'pnm:0',
        settings,
        actor: 'clerk',
        pages: scanner.scan('pnm:0', settings),
      });
      expect(result.errors).toEqual([]);
      expect(result.pages).toEqual([]);
      const sheets = readAudit(store.db).filter((e) => e.action === 'page.separator');
      expect(sheets.map((e) => (e.after as { payload: unknown }).payload)).toEqual([{ kind: 'doc', caseNumber: CASE, category: '起诉状' }]);
    } finally {
      store.close();
    }
  });
});
