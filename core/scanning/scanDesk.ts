import { z } from 'zod';
import { getCase } from '../cases/caseRepository.js';
import {
  CourtError,
  OperatorScanSettingsSchema,
  type ErrorData,
  type PageEditResult,
  type ScanBatch,
  type ScanDevice,
  type ScanPage,
} from '../contract/index.js';
import type { EventBus } from '../rpc/eventBus.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { getBatch, listBatches, recoverInterruptedBatches, type CaptureBatch } from './batches/batchRepository.js';
import { errorData, type CaptureResult } from './batches/captureResult.js';
import type { CaptureProgress, ScanRun } from './batches/captureService.js';
import type { CaptureHost } from './captureHost.js';
import { movePage, removePage, restorePage, rotatePage } from './edits/pageEdits.js';
import type { Turn } from './edits/rotateMaster.js';
import type { Capabilities, RawPage, Source } from './port/scannerPort.js';
import { capturedPageSummary, casePages } from './scanPages.js';

export interface ScanDeskDeps {
  db: Db;
  blobs: BlobStore;
  events: EventBus;
}

/** What a scan batch records as its settings, so 继续扫描 scans the same way (and an inserting batch inserts on). */
const RecordedSettingsSchema = OperatorScanSettingsSchema.extend({ orientation: z.boolean().default(true), insertAfter: z.number().int().nonnegative().optional() });
type RecordedSettings = z.infer<typeof RecordedSettingsSchema>;

interface RunningScan {
  abort: AbortController;
  settled: Promise<void>;
}

/** The driver may hand over a typed array; the contract speaks plain JSON. */
function plainResolutions(r: Capabilities['resolutions']): Capabilities['resolutions'] {
  return r && 'list' in r ? { list: Array.from(r.list) } : r;
}

/**
 * Resolves once the driver has let go of the device: when the feed ends, fails, or has answered
 * a cancel. Capture may report a cancelled batch before that, and a scan started in between
 * would find the device busy.
 */
function untilReleased(pages: AsyncIterable<RawPage>): { pages: AsyncIterable<RawPage>; released: Promise<void>; started: () => boolean } {
  let started = false;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  async function* feed() {
    started = true;
    try {
      yield* pages;
    } finally {
      release();
    }
  }
  return { pages: feed(), released, started: () => started };
}

const noCapture = () =>
  new CourtError('SCANNER_DRIVER_MISSING', {
    message: '此工作站服务未启用扫描',
    messageEn: 'Scanning is not enabled in this workstation service',
    remedy: '请用 courtdesk serve 或桌面版启动工作站后再扫描；如已启动，请确认已安装 libsane1 与 sane-utils',
  });

/**
 * The operator's scanning desk: starts batches in the background and reports each stored
 * page (scan.page) and every change of a batch's state (scan.state) on the event bus.
 * One scan at a time per workstation: the driver serves one batch at a time anyway.
 */
export class ScanDesk {
  private host: CaptureHost | null = null;
  private readonly running = new Map<number, RunningScan>();
  /** A one-page rescan holds the scanner too, without a batch. */
  private rescanning: Promise<unknown> | null = null;

  constructor(private readonly deps: ScanDeskDeps) {}

  /** Connects the scanner; batches a crashed earlier run left "running" become interrupted, their pages kept. */
  attach(host: CaptureHost): CaptureBatch[] {
    this.host = host;
    return recoverInterruptedBatches(this.deps.db);
  }

  /** Cancels running scans and waits until their batches are closed; the scanner is then the host's to close. */
  async detach(): Promise<void> {
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.settled));
    await this.rescanning?.catch(() => {});
    this.host = null;
  }

  private capture(): CaptureHost {
    if (!this.host) throw noCapture();
    return this.host;
  }

  async devices(): Promise<ScanDevice[]> {
    const { scanner } = this.capture();
    const found: ScanDevice[] = [];
    // One at a time: the driver process answers requests in order.
    for (const d of await scanner.listDevices()) {
      try {
        const caps = await scanner.capabilities(d.name);
        found.push({
          ...d,
          capabilities: { sources: Object.keys(caps.sources) as Source[], modes: caps.modes, resolutions: plainResolutions(caps.resolutions), maxArea: caps.maxArea },
          error: null,
        });
      } catch (e) {
        found.push({ ...d, capabilities: null, error: errorData(e) });
      }
    }
    return found;
  }

  /** Starts a batch; with `after`, its pages go after that page number of the case (插入页面) instead of at the end. */
  start(input: { case: string; device: string; settings: z.infer<typeof OperatorScanSettingsSchema>; orientation: boolean; after?: number }, actor: string): Promise<{ batchId: number }> {
    const host = this.capture();
    this.assertIdle();
    const c = getCase(this.deps.db, input.case);
    const recorded: RecordedSettings = { ...input.settings, orientation: input.orientation, ...(input.after === undefined ? {} : { insertAfter: input.after }) };
    return this.launch({ caseNumber: c.number, device: input.device, recorded, actor, host }, (run) =>
      host.captures.scan({ ...run, caseNumber: c.number, device: input.device, settings: recorded }),
    );
  }

  /** 继续扫描: appends to an interrupted, cancelled or failed batch with the settings it was started with. */
  continue(batchId: number, actor: string): Promise<{ batchId: number }> {
    const host = this.capture();
    this.assertIdle();
    const batch = getBatch(this.deps.db, batchId);
    const parsed = RecordedSettingsSchema.safeParse(batch.settings);
    const recorded = parsed.success ? parsed.data : { orientation: true };
    return this.launch({ caseNumber: batch.caseNumber, device: batch.device, recorded, actor, host }, (run) => host.captures.continueBatch({ ...run, batchId }));
  }

  cancel(batchId: number): null {
    getBatch(this.deps.db, batchId);
    this.running.get(batchId)?.abort.abort();
    return null;
  }

  batches(caseNumber: string): ScanBatch[] {
    const c = getCase(this.deps.db, caseNumber);
    return listBatches(this.deps.db, c.id).map((b) => ({
      id: b.id,
      case: b.caseNumber,
      kind: b.kind,
      device: b.device,
      settings: b.settings as ScanBatch['settings'],
      status: b.status,
      startedAt: b.startedAt,
      endedAt: b.endedAt,
      error: b.error,
      pages: b.pages,
    }));
  }

  pages(caseNumber: string): ScanPage[] {
    return casePages(this.deps.db, this.deps.blobs, getCase(this.deps.db, caseNumber).id);
  }

  rotatePage(input: { case: string; pageId: number; degrees: Turn }, actor: string): Promise<PageEditResult> {
    return rotatePage(this.deps, { caseNumber: input.case, pageId: input.pageId, turn: input.degrees, actor }).then((r) => this.changed(r, input.pageId));
  }

  movePage(input: { case: string; pageId: number; to: number }, actor: string): PageEditResult {
    return movePage(this.deps, { caseNumber: input.case, pageId: input.pageId, to: input.to, actor });
  }

  removePage(input: { case: string; pageId: number }, actor: string): PageEditResult {
    return removePage(this.deps, { caseNumber: input.case, pageId: input.pageId, actor });
  }

  restorePage(input: { case: string; removalId: number }, actor: string): PageEditResult {
    return restorePage(this.deps, { caseNumber: input.case, removalId: input.removalId, actor });
  }

  /**
   * 重扫此页: scans exactly one page on the device (a feeder is stopped after its first sheet) and
   * puts it in place of the page. Answers once the page is stored and the device released.
   */
  async rescanPage(input: { case: string; pageId: number; device: string; settings: z.infer<typeof OperatorScanSettingsSchema>; orientation: boolean }, actor: string): Promise<PageEditResult> {
    const host = this.capture();
    this.assertIdle();
    const c = getCase(this.deps.db, input.case);
    // Refused before the scanner moves: a page of another case, or one removed meanwhile.
    if (!this.deps.db.prepare('SELECT 1 FROM pages WHERE id = ? AND case_id = ?').get(input.pageId, c.id)) throw new CourtError('PAGE_NOT_FOUND', { details: { pageId: input.pageId } });
    const abort = new AbortController();
    const feed = untilReleased(host.scanner.scan(input.device, { ...input.settings, options: {} }, abort.signal));
    const done = host.captures.rescanPage({ caseNumber: c.number, pageId: input.pageId, device: input.device, pages: feed.pages, actor, pageOptions: { orientation: input.orientation } });
    const settled = done.finally(async () => {
      abort.abort();
      if (feed.started()) await feed.released;
    });
    this.rescanning = settled.catch(() => {}).finally(() => (this.rescanning = null));
    await settled;
    return this.changed(await done, input.pageId);
  }

  private changed(result: PageEditResult, pageId: number): PageEditResult {
    try {
      this.host?.onPagesChanged?.([pageId]);
    } catch (e) {
      // The page is stored and queued for OCR whatever the runner makes of the wake-up.
      console.error('[courtdesk] after-edit hook failed', e);
    }
    return result;
  }

  private assertIdle(): void {
    if (this.running.size > 0 || this.rescanning) {
      throw new CourtError('SCANNER_BUSY', { message: '已有批次正在扫描', messageEn: 'A batch is already being scanned', remedy: '请等待当前批次完成，或先点击“取消”' });
    }
  }

  /**
   * Runs a capture in the background and answers as soon as its batch is open. Opening is
   * synchronous (onStart fires before the first await), so an error before that (unknown case,
   * batch that cannot be continued) rejects here instead of surfacing as an event. The final
   * scan.state goes out once the driver has released the device, so 继续扫描 right after it works.
   */
  private async launch(
    job: { caseNumber: string; device: string; recorded: RecordedSettings; actor: string; host: CaptureHost },
    begin: (run: ScanRun) => Promise<CaptureResult>,
  ): Promise<{ batchId: number }> {
    const { caseNumber, host } = job;
    const { orientation, insertAfter, ...chosen } = job.recorded;
    const abort = new AbortController();
    const feed = untilReleased(host.scanner.scan(job.device, { ...chosen, options: {} }, abort.signal));
    let batchId: number | null = null;
    const outcome = begin({
      pages: feed.pages,
      pageOptions: { orientation },
      insertAfter,
      actor: job.actor,
      signal: abort.signal,
      onStart: (id) => (batchId = id),
      onProgress: (p) => this.announcePage(caseNumber, p),
    });
    if (batchId === null) {
      await outcome;
      throw new CourtError('INTERNAL', { details: { cause: 'capture did not open a batch' } });
    }
    const id: number = batchId;
    const released = () => (feed.started() ? feed.released : Promise.resolve());
    const settled = outcome.then(
      async (result) => {
        await released();
        this.announceState(id, caseNumber, result.status, result.status === 'failed' ? (result.errors[0] ?? null) : null);
        try {
          host.onCaptured?.(result);
        } catch (e) {
          // The pages are stored whatever a follow-up (OCR queueing) makes of them.
          console.error('[courtdesk] after-scan hook failed', e);
        }
      },
      async (e: unknown) => {
        await released();
        this.announceState(id, caseNumber, 'failed', errorData(e));
      },
    );
    this.running.set(id, { abort, settled: settled.finally(() => this.running.delete(id)) });
    this.announceState(id, caseNumber, 'running', null);
    return { batchId: id };
  }

  private announcePage(caseNumber: string, p: CaptureProgress): void {
    this.deps.events.emit('scan.page', { batchId: p.batchId, case: caseNumber, done: p.done, page: capturedPageSummary(this.deps.blobs, p.page) });
  }

  private announceState(batchId: number, caseNumber: string, status: CaptureBatch['status'], error: ErrorData | null): void {
    let pages = 0;
    try {
      pages = getBatch(this.deps.db, batchId).pages;
    } catch {
      // The store is closing; the state still goes out.
    }
    this.deps.events.emit('scan.state', { batchId, case: caseNumber, status, pages, error });
  }
}
