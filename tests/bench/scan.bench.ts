import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase } from '../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../core/config/dataDir.js';
import { CaptureService } from '../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../core/scanning/pipeline/pagePipeline.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase } from '../../core/store/database.js';
import { IsolatedScanner } from '../../native/scanning/isolatedScanner.js';
import { TesseractOrientationDetector } from '../../native/tesseract/osd.js';
import { saneTestConfig } from '../helpers/saneConfig.js';

const PAGES = 10;

/** Pages per minute from SANE's test feeder (10 A4 pages, 300 dpi gray): scanimage alone, then the whole capture pipeline. */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const sane = saneTestConfig();
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-scan-'));
  try {
    const t0 = process.hrtime.bigint();
    execFileSync('scanimage', ['-d', 'test:0', '--source', 'Automatic Document Feeder', '--mode', 'Gray', '--resolution', '300', `--batch=${join(dir, 'raw%d.pnm')}`], {
      env: sane.env,
      stdio: 'ignore',
    });
    const rawPpm = PAGES / (Number(process.hrtime.bigint() - t0) / 6e10);

    const results: Record<string, unknown>[] = [];
    for (const orientation of [false, true]) {
      const data = join(dir, `store-${orientation}`);
      const db = openDatabase(storeFile(data));
      const blobs = new BlobStore(blobDir(data));
      const c = createCase(db, { number: `（2024）苏0508民初${orientation ? 2 : 1}号` }, 'bench');
      const pipeline = new PagePipeline({ detector: new TesseractOrientationDetector() });
      const scanner = new IsolatedScanner(sane.env);
      let peak = process.memoryUsage().rss;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const start = process.hrtime.bigint();
      const settings = { source: 'adf' as const, mode: 'gray' as const, resolution: 300, options: {} };
      const result = await new CaptureService({ db, blobs, pipeline }).scan({
        caseNumber: c.number,
        device: 'test:0',
        settings,
        pages: scanner.scan('test:0', settings),
        actor: 'bench',
        pageOptions: { orientation },
      });
      const ppm = result.pages.length / (Number(process.hrtime.bigint() - start) / 6e10);
      clearInterval(timer);
      await scanner.close();
      await pipeline.close();
      db.close();
      results.push({
        name: `scan.pipeline_pages_per_minute${orientation ? '_with_orientation' : ''}`,
        value: Math.round(ppm),
        baseline: Math.round(rawPpm),
        ratio: +(ppm / rawPpm).toFixed(3),
        unit: 'pages/min',
        pages: result.pages.length,
        peakRssMb: Math.round(peak / 2 ** 20),
        how: `SANE test:0 feeder, A4 300 dpi gray: driver process → deskew, crop, blank check${orientation ? ', Tesseract OSD' : ''}, JPEG master + thumbnail, fsync, SQLite commit, ledger; baseline: scanimage --batch alone`,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(sane.dir, { recursive: true, force: true });
  }
}
