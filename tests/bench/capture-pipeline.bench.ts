import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCase } from '../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../core/config/dataDir.js';
import { CaptureService } from '../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../core/scanning/pipeline/pagePipeline.js';
import type { RawPage } from '../../core/scanning/pipeline/rawPage.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase } from '../../core/store/database.js';
import { TesseractOrientationDetector } from '../../native/tesseract/osd.js';
import { syntheticBatchPage } from '../fixtures/capture/pages.js';

const PAGES = 24;
const DISTINCT = 6;
const CASE = '（2024）苏0508民初1号';
const MB = 1024 * 1024;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function* feed(pages: RawPage[]): AsyncGenerator<RawPage> {
  for (let i = 0; i < PAGES; i++) yield { ...pages[i % pages.length], index: i };
}

/** The floor: the same raw pages written to disk with fsync, nothing else. */
function rawWrite(dir: string, pages: RawPage[]): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PAGES; i++) {
    const fd = openSync(join(dir, `raw-${i}`), 'w');
    writeSync(fd, pages[i % pages.length].data);
    fsyncSync(fd);
    closeSync(fd);
  }
  return (PAGES / seconds(start)) * 60;
}

async function captureRun(dir: string, pages: RawPage[], withOsd: boolean) {
  const db = openDatabase(storeFile(dir));
  createCase(db, { number: CASE }, 'bench');
  const pipeline = new PagePipeline({ detector: withOsd ? new TesseractOrientationDetector() : null });
  const capture = new CaptureService({ db, blobs: new BlobStore(blobDir(dir)), pipeline });
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = process.hrtime.bigint();
  const result = await capture.scan({ caseNumber: CASE, device: 'synthetic', settings: { mode: 'Gray', resolution: 300 }, pages: feed(pages), actor: 'bench' });
  const elapsed = seconds(start);
  loop.disable();
  clearInterval(sampler);
  await pipeline.close();
  db.close();
  if (result.pages.length !== PAGES) throw new Error(`captured ${result.pages.length}/${PAGES} pages: ${JSON.stringify(result.errors)}`);
  return {
    perMinute: (PAGES / elapsed) * 60,
    rssPeakMb: rssPeak / MB,
    rssPerInflightMb: (rssPeak - rssBefore) / MB / pipeline.concurrency,
    loopMaxMs: loop.max / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    workers: pipeline.concurrency,
  };
}

/** Pages per minute through clean-up, masters and the durable store, beside raw writes of the same pages. */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-capture-bench-'));
  try {
    const pages = await Promise.all(Array.from({ length: DISTINCT }, (_, i) => syntheticBatchPage(i)));
    const baseline = rawWrite(dir, pages);
    const plain = await captureRun(join(dir, 'plain'), pages, false);
    const full = await captureRun(join(dir, 'osd'), pages, true);
    const how = `${PAGES} synthetic A4 300 dpi gray pages (2480×3508, tilted ±6°, some with dark backing, every 9th blank), ${full.workers} workers; baseline = same raw pages written with fsync`;
    return [
      { name: 'capture.pages_per_minute', value: Math.round(full.perMinute), baseline: Math.round(baseline), ratio: +(full.perMinute / baseline).toFixed(4), unit: 'pages/min', how: `deskew+crop+blank+OSD+JPEG+thumbnail+blob fsync+SQLite, ${how}` },
      { name: 'capture.pages_per_minute_without_osd', value: Math.round(plain.perMinute), baseline: Math.round(baseline), ratio: +(plain.perMinute / baseline).toFixed(4), unit: 'pages/min', how: `as above without tesseract orientation, ${how}` },
      { name: 'capture.peak_rss', value: Math.round(full.rssPeakMb), unit: 'MB', how: 'peak resident set of the capturing process (workers included, tesseract children not), sampled every 20 ms' },
      { name: 'capture.peak_rss_per_inflight_page', value: +full.rssPerInflightMb.toFixed(1), unit: 'MB/page', how: 'growth of RSS during the run divided by pages in flight (= workers)' },
      { name: 'capture.event_loop_delay_max', value: +full.loopMaxMs.toFixed(1), p99: +full.loopP99Ms.toFixed(1), unit: 'ms', how: 'longest main-thread stall while capturing (pixel work is on worker threads)' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
