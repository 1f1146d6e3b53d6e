import { PagePipeline } from '../../core/scanning/pipeline/pagePipeline.js';
import type { RawPage } from '../../core/scanning/pipeline/rawPage.js';
import { detectSeparator } from '../../core/scanning/separators/detect.js';
import { renderSheets } from '../../core/scanning/separators/sheets.js';
import { syntheticBatchPage } from '../fixtures/capture/pages.js';
import { rasterise, toLineart } from '../integration/separators/sheetPages.js';

const ROUNDS = 3;

async function msPerPage(pages: RawPage[], fn: (p: RawPage) => Promise<unknown>): Promise<number> {
  await fn(pages[0]); // compile the wasm and warm libvips outside the timing
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const p of pages) await fn(p);
  return (performance.now() - start) / (ROUNDS * pages.length);
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Separator detection cost per page, one page at a time on the main thread, beside what the page
 * pipeline (one worker, no orientation) spends on the same 300 dpi A4 gray pages.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const ordinary = await Promise.all([0, 1, 2, 3].map((i) => syntheticBatchPage(i)));
  const sheets = await rasterise(await renderSheets({ cases: [{ case: { number: '（2024）苏0508民初1234号', title: '民间借贷纠纷', parties: [] }, categories: ['起诉状', '证据材料'] }] }));
  const pipeline = new PagePipeline({ detector: null, workers: 1 });
  try {
    const baseline = await msPerPage(ordinary, (p) => pipeline.process(p, { orientation: false }));
    const how = 'npm run bench; 300 dpi A4 gray, ms per page, sequential; baseline = PagePipeline.process of the same ordinary pages (1 worker, no orientation)';
    const line = (name: string, value: number) => ({ name, value: round(value), baseline: round(baseline), ratio: Math.round((value / baseline) * 1000) / 1000, unit: 'ms/page', how });
    return [
      line('separators.detect_ordinary_ms', await msPerPage(ordinary, detectSeparator)),
      line('separators.detect_sheet_ms', await msPerPage(sheets, detectSeparator)),
      line('separators.detect_lineart_ms', await msPerPage(ordinary.map(toLineart), detectSeparator)),
    ];
  } finally {
    await pipeline.close();
  }
}
