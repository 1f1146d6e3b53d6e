import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import type { Envelope, EventPayload, ScanBatch, ScanDevice, ScanPage } from '../../../core/contract/index.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import type { ScannerPort, ScanSettings } from '../../../core/scanning/port/scannerPort.js';
import { IsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';

const CASE = '（2024）苏0508民初1234号';
const sane = saneTestConfig();
const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-scanning-'));
const scanner = new IsolatedScanner(sane.env);
const pipeline = new PagePipeline({ detector: null });
/**
 * Backend options the contract never lets a caller set, switched on by the test to make SANE's
 * own test device misbehave the way paper does: slow pages, a jam.
 */
const backendOptions: Record<string, string> = {};
const feeder: ScannerPort = {
  listDevices: () => scanner.listDevices(),
  capabilities: (d) => scanner.capabilities(d),
  scan: (d, s: ScanSettings, signal) => scanner.scan(d, { ...s, options: { ...s.options, ...backendOptions } }, signal),
  close: () => scanner.close(),
};

const operator: CallContext = { session: { userId: 2, username: 'scanner1', displayName: '扫描员甲', roles: ['scanner'] } };
const clerk: CallContext = { session: { userId: 3, username: 'clerk1', displayName: '书记员', roles: ['clerk'] } };

let core: CourtCore;
let detach: () => Promise<void>;

async function call<T>(channel: string, input: unknown, ctx: CallContext = operator): Promise<T> {
  const envelope = (await core.dispatch(ctx, channel, input)) as Envelope<T>;
  if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.message} ${JSON.stringify(envelope.error.details)}`), envelope.error);
  return envelope.value;
}

async function refusal(channel: string, input: unknown, ctx: CallContext = operator) {
  const envelope = await core.dispatch(ctx, channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

/** Every scan.page of the batch until its scan.state leaves running. */
function watch(batchOf: () => number | undefined) {
  const pages: EventPayload<'scan.page'>[] = [];
  const states: EventPayload<'scan.state'>[] = [];
  let offPage = () => {};
  let offState = () => {};
  const ended = new Promise<EventPayload<'scan.state'>>((resolve) => {
    offPage = core.events.on('scan.page', (p) => pages.push(p));
    offState = core.events.on('scan.state', (s) => {
      states.push(s);
      if (s.status !== 'running' && s.batchId === batchOf()) resolve(s);
    });
  }).finally(() => {
    offPage();
    offState();
  });
  return { pages, states, ended };
}

async function scanToEnd(channel: 'scanning.start' | 'scanning.continue', input: unknown) {
  const started: { batchId?: number } = {};
  const seen = watch(() => started.batchId);
  started.batchId = (await call<{ batchId: number }>(channel, input)).batchId;
  return { batchId: started.batchId, ...seen, end: await seen.ended };
}

const adfGray150 = { case: CASE, device: 'test:0', settings: { source: 'adf', mode: 'gray', resolution: 150 } };

beforeAll(async () => {
  core = openCourtCore({ dataDir, host: 'web', version: 'test' });
  await call('cases.create', { number: CASE, title: '民间借贷纠纷' });
});

afterAll(async () => {
  await detach?.();
  core.close();
  await scanner.close();
  await pipeline.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(sane.dir, { recursive: true, force: true });
});

describe('the scanning service through the real dispatcher, SANE test device', () => {
  it('says scanning is not enabled when the host brought no scanner, and keeps other roles out', async () => {
    const missing = await refusal('scanning.devices', {});
    expect(missing.code).toBe('SCANNER_DRIVER_MISSING');
    expect(missing.remedy).toContain('courtdesk serve');
    expect((await refusal('scanning.batches', { number: CASE }, clerk)).code).toBe('FORBIDDEN');
    expect((await refusal('scanning.start', { ...adfGray150, settings: { options: { filename: '/etc/passwd' } } })).code).toBe('INVALID_INPUT');
    detach = core.attachCapture({ captures: new CaptureService({ db: core.db, blobs: core.blobs, pipeline, events: core.events }), scanner: feeder });
  });

  it('lists the test device with its sources, modes and resolutions', async () => {
    const devices = await call<ScanDevice[]>('scanning.devices', {});
    const test = devices.find((d) => d.name === 'test:0');
    expect(test?.error).toBeNull();
    expect(test?.capabilities?.sources).toEqual(['flatbed', 'adf']);
    expect(test?.capabilities?.modes).toEqual(expect.arrayContaining(['color', 'gray', 'lineart']));
    expect(test?.capabilities?.resolutions).toMatchObject({ min: 1, max: 1200 });
  });

  it('answers start at once, then streams the feeder’s ten pages with thumbnails and ends completed', async () => {
    const run = await scanToEnd('scanning.start', adfGray150);
    expect(run.states[0]).toMatchObject({ batchId: run.batchId, case: CASE, status: 'running', error: null });
    expect(run.end).toMatchObject({ status: 'completed', pages: 10, error: null });
    expect(run.pages.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(run.pages.every((p) => p.case === CASE && p.page.thumbnail?.startsWith('data:image/jpeg;base64,'))).toBe(true);

    const pages = await call<ScanPage[]>('scanning.pages', { number: CASE });
    expect(pages.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pages[0]).toMatchObject({ batchId: run.batchId, batchSeq: 1, dpi: 150, blank: false });
    expect(pages.map((p) => p.thumbnail)).toEqual(run.pages.map((p) => p.page.thumbnail));
    const [batch] = await call<ScanBatch[]>('scanning.batches', { number: CASE });
    expect(batch).toMatchObject({ id: run.batchId, kind: 'scan', device: 'test:0', status: 'completed', pages: 10, settings: { source: 'adf', mode: 'gray', resolution: 150 } });
  });

  it('cancels mid-batch keeping what was scanned, and 继续扫描 carries on after the last page', async () => {
    backendOptions['read-delay'] = 'true';
    backendOptions['read-delay-duration'] = '10000';
    const started: { batchId?: number } = {};
    const seen = watch(() => started.batchId);
    const cancelled = new Promise<void>((resolve) => {
      const off = core.events.on('scan.page', (p) => {
        if (p.batchId !== started.batchId) return;
        off();
        void call('scanning.cancel', { batchId: started.batchId }).then(() => resolve());
      });
    });
    started.batchId = (await call<{ batchId: number }>('scanning.start', adfGray150)).batchId;
    await cancelled;
    const end = await seen.ended;
    expect(end.status).toBe('cancelled');
    expect(end.pages).toBeGreaterThanOrEqual(1);
    expect(end.pages).toBeLessThan(10);

    // The driver keeps the device open, so a backend option stays set until set back.
    backendOptions['read-delay'] = 'false';
    delete backendOptions['read-delay-duration'];
    const resumed = await scanToEnd('scanning.continue', { batchId: started.batchId });
    expect(resumed.batchId).toBe(started.batchId);
    expect(resumed.end).toMatchObject({ status: 'completed', error: null });
    expect(resumed.pages[0].done).toBe(end.pages + 1);
    const pages = await call<ScanPage[]>('scanning.pages', { number: CASE });
    expect(pages.map((p) => p.position)).toEqual(Array.from({ length: 20 + end.pages }, (_, i) => i + 1));
  });

  it('reports a jam with its remedy, and 继续扫描 after clearing it completes the same batch', async () => {
    backendOptions['read-return-value'] = 'SANE_STATUS_JAMMED';
    const jammed = await scanToEnd('scanning.start', adfGray150);
    expect(jammed.end.status).toBe('failed');
    expect(jammed.end.error).toMatchObject({ code: 'SCANNER_JAMMED', remedy: '卡纸：请打开进纸器取出纸张后点击继续' });
    const failed = (await call<ScanBatch[]>('scanning.batches', { number: CASE })).find((b) => b.id === jammed.batchId);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'SCANNER_JAMMED' } });

    backendOptions['read-return-value'] = 'Default';
    const resumed = await scanToEnd('scanning.continue', { batchId: jammed.batchId });
    expect(resumed.end).toMatchObject({ status: 'completed', error: null });
    expect(resumed.pages).toHaveLength(10);
  });

  it('refuses a second scan while one runs, and continuing a completed batch', async () => {
    const batches = await call<ScanBatch[]>('scanning.batches', { number: CASE });
    expect((await refusal('scanning.continue', { batchId: batches[0].id })).code).toBe('BATCH_NOT_RESUMABLE');
    expect((await refusal('scanning.start', { ...adfGray150, case: '（2024）苏0508民初9999号' })).code).toBe('CASE_NOT_FOUND');
    const run = scanToEnd('scanning.start', adfGray150);
    expect((await refusal('scanning.start', adfGray150)).code).toBe('SCANNER_BUSY');
    expect((await run).end.status).toBe('completed');
  });
});

describe('a batch cut short by a crash', () => {
  it('is offered as interrupted with its pages when the workstation starts again, and can be continued', async () => {
    const dead = core.db.prepare("SELECT id FROM capture_batches WHERE status = 'completed' ORDER BY id LIMIT 1").pluck().get() as number;
    // What a killed workstation leaves behind: the batch still marked running by a process that is gone.
    core.db.prepare("UPDATE capture_batches SET status = 'running', ended_at = NULL, owner_pid = 2147483646 WHERE id = ?").run(dead);
    await detach();
    detach = core.attachCapture({ captures: new CaptureService({ db: core.db, blobs: core.blobs, pipeline, events: core.events }), scanner: feeder });
    const batch = (await call<ScanBatch[]>('scanning.batches', { number: CASE })).find((b) => b.id === dead);
    expect(batch).toMatchObject({ status: 'interrupted', pages: 10 });
    const resumed = await scanToEnd('scanning.continue', { batchId: dead });
    expect(resumed.end).toMatchObject({ status: 'completed', pages: 20 });
  });
});
