import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError, type JobProgress } from '../../../core/contract/index.js';
import { EventBus } from '../../../core/rpc/eventBus.js';
import { getBatch, recoverInterruptedBatches } from '../../../core/scanning/batches/batchRepository.js';
import { captureResultJson } from '../../../core/scanning/batches/captureResult.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import type { RawPage } from '../../../core/scanning/pipeline/rawPage.js';
import { readAudit } from '../../../core/store/audit.js';
import { syntheticBatchPage } from '../../fixtures/capture/pages.js';
import { CASE, pageRows, tempStore, type TempStore } from '../../fixtures/capture/store.js';

const pipeline = new PagePipeline({ detector: null });
afterAll(() => pipeline.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A feeder that delivers pages [from, to) and notes whether capture stopped it early. */
function feeder(from: number, to: number, opts: { badAt?: number; jamAt?: number } = {}) {
  const state = { stoppedEarly: false, delivered: 0 };
  const pages = (async function* (): AsyncGenerator<RawPage> {
    let i = from;
    try {
      for (; i < to; i++) {
        if (i === opts.jamAt) throw new CourtError('INTERNAL', { message: '卡纸' });
        const page = await syntheticBatchPage(i);
        state.delivered++;
        yield i === opts.badAt ? { ...page, data: page.data.subarray(0, 100) } : page;
      }
    } finally {
      state.stoppedEarly = i < to;
    }
  })();
  return { pages, state };
}

describe('capture batches', () => {
  let store: TempStore;
  let events: EventBus;
  let capture: CaptureService;
  beforeEach(() => {
    store = tempStore();
    events = new EventBus();
    capture = new CaptureService({ db: store.db, blobs: store.blobs, pipeline, events });
  });
  afterEach(() => store.close());

  it('stores every page durably, in order, audited and announced', async () => {
    const progress: number[] = [];
    const announced: JobProgress[] = [];
    events.on('job.progress', (p) => announced.push(p));
    const { pages } = feeder(0, 6);
    const result = await capture.scan({ caseNumber: CASE, device: 'test:0', settings: { mode: 'Gray' }, pages, actor: 'scanner1', onProgress: (p) => progress.push(p.done) });

    expect(result.status).toBe('completed');
    expect(result.errors).toEqual([]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(announced.map((a) => [a.kind, a.done])).toEqual(progress.map((d) => ['scan', d]));
    const rows = pageRows(store.db);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((r) => r.blank === 1)).toEqual([false, false, false, false, true, false]);
    for (const r of rows) {
      expect(sha256(readFileSync(store.blobs.pathOf(r.sha256)))).toBe(r.sha256);
      expect(store.blobs.has(r.thumb_sha256)).toBe(true);
    }
    expect(getBatch(store.db, result.batchIds[0])).toMatchObject({ status: 'completed', device: 'test:0', settings: { mode: 'Gray' }, pages: 6 });
    const actions = readAudit(store.db, `case:${CASE}`).map((a) => a.action);
    expect(actions).toEqual(['case.create', 'capture.batch.start', ...Array(6).fill('page.scan'), 'capture.batch.end']);

    const json = captureResultJson(result, store.blobs);
    expect(json.case).toBe(CASE);
    expect(json.errors).toEqual([]);
    expect(Object.keys(json.pages[0]).sort()).toEqual(['blank', 'file', 'index', 'sha256', 'skew']);
    expect(json.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(json.pages.every((p) => existsSync(p.file))).toBe(true);
  });

  it('puts a new batch after the pages the case already has', async () => {
    await capture.scan({ caseNumber: CASE, device: 'test:0', settings: {}, pages: feeder(0, 2).pages, actor: 'scanner1' });
    const second = await capture.scan({ caseNumber: CASE, device: 'test:0', settings: {}, pages: feeder(10, 12).pages, actor: 'scanner1' });
    expect(second.pages.map((p) => [p.position, p.batchSeq])).toEqual([
      [3, 1],
      [4, 2],
    ]);
  });

  it('cancel keeps the pages already scanned and stops the feeder', async () => {
    const abort = new AbortController();
    const feed = feeder(0, 40);
    const result = await capture.scan({
      caseNumber: CASE,
      device: 'test:0',
      settings: {},
      pages: feed.pages,
      actor: 'scanner1',
      signal: abort.signal,
      onProgress: (p) => p.done === 3 && abort.abort(),
    });
    expect(result.status).toBe('cancelled');
    expect(result.pages.length).toBeGreaterThanOrEqual(3);
    expect(result.pages.length).toBeLessThanOrEqual(feed.state.delivered);
    expect(pageRows(store.db)).toHaveLength(result.pages.length);
    expect(getBatch(store.db, result.batchIds[0]).status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect(feed.state.stoppedEarly).toBe(true);
  });

  it('a bad page fails the batch, keeps the pages before it, and the batch can be continued', async () => {
    const failed = await capture.scan({ caseNumber: CASE, device: 'test:0', settings: {}, pages: feeder(0, 8, { badAt: 3 }).pages, actor: 'scanner1' });
    expect(failed.status).toBe('failed');
    expect(failed.errors.map((e) => e.code)).toEqual(['CAPTURE_BAD_PAGE']);
    expect(pageRows(store.db).map((r) => r.position)).toEqual([1, 2, 3]);
    expect(getBatch(store.db, failed.batchIds[0]).error?.code).toBe('CAPTURE_BAD_PAGE');

    const resumed = await capture.continueBatch({ batchId: failed.batchIds[0], pages: feeder(3, 5).pages, actor: 'scanner1' });
    expect(resumed.status).toBe('completed');
    expect(resumed.pages.map((p) => [p.position, p.batchSeq])).toEqual([
      [4, 4],
      [5, 5],
    ]);
    const again = await capture.continueBatch({ batchId: failed.batchIds[0], pages: feeder(0, 1).pages, actor: 'scanner1' }).catch((e: unknown) => e);
    expect((again as CourtError).code).toBe('BATCH_NOT_RESUMABLE');
  });

  it('a feeder error (paper jam) fails the batch with the pages so far kept', async () => {
    const result = await capture.scan({ caseNumber: CASE, device: 'test:0', settings: {}, pages: feeder(0, 6, { jamAt: 2 }).pages, actor: 'scanner1' });
    expect(result.status).toBe('failed');
    expect(result.errors[0].message).toBe('卡纸');
    expect(result.pages.map((p) => p.position)).toEqual([1, 2]);
  });

  it('an unknown case is refused before anything is stored', async () => {
    const err = await capture
      .scan({ caseNumber: '（2024）苏0508民初9999号', device: 'test:0', settings: {}, pages: feeder(0, 1).pages, actor: 'scanner1' })
      .catch((e: unknown) => e);
    expect((err as CourtError).code).toBe('CASE_NOT_FOUND');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM capture_batches').get()).toEqual({ n: 0 });
  });

  it('recovery interrupts batches of dead processes only', async () => {
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    const alive = spawn('sleep', ['30']);
    try {
      const caseId = (store.db.prepare('SELECT id FROM cases').get() as { id: number }).id;
      const insert = store.db.prepare(
        `INSERT INTO capture_batches (case_id, kind, device, settings_json, status, owner_pid, created_by) VALUES (?, 'scan', 'test:0', '{}', 'running', ?, 'x')`,
      );
      const orphan = Number(insert.run(caseId, dead.pid).lastInsertRowid);
      const other = Number(insert.run(caseId, alive.pid).lastInsertRowid);
      expect(recoverInterruptedBatches(store.db).map((b) => b.id)).toEqual([orphan]);
      expect(getBatch(store.db, orphan).status).toBe('interrupted');
      expect(getBatch(store.db, other).status).toBe('running');
    } finally {
      alive.kill();
    }
  });
});
