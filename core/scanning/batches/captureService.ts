import { getCase } from '../../cases/caseRepository.js';
import { CourtError, type ErrorData } from '../../contract/index.js';
import type { EventBus } from '../../rpc/eventBus.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import type { RawPage } from '../pipeline/rawPage.js';
import type { PageOptions, ProcessedPage } from '../pipeline/types.js';
import { finishBatch, resumeBatch, startBatch } from './batchRepository.js';
import { errorData, type CaptureResult } from './captureResult.js';
import { factsOf, insertPage, storeBlobs, type CapturedPage } from './pageRows.js';
import { documentAt, pageCount } from '../edits/pagePositions.js';
import { replaceMaster } from '../edits/pageEdits.js';
import { readSheet, SheetRouter, type SeparatorSheet } from '../separators/routing.js';

/** The page pipeline as capture sees it (PagePipeline implements this). */
export interface PageProcessor {
  readonly concurrency: number;
  process(page: RawPage, options?: Partial<PageOptions>): Promise<ProcessedPage>;
}

export interface CaptureDeps {
  db: Db;
  blobs: BlobStore;
  pipeline: PageProcessor;
  /** When given, every stored page is announced as job.progress. */
  events?: EventBus;
}

export interface CaptureProgress {
  batchId: number;
  /** Pages stored in this batch so far, including earlier runs of a continued batch. */
  done: number;
  page: CapturedPage;
}

export interface ScanRun {
  pages: AsyncIterable<RawPage>;
  actor: string;
  signal?: AbortSignal;
  onProgress?: (p: CaptureProgress) => void;
  /** Called synchronously once the batch is open, so a host can answer "started" before any page arrives. */
  onStart?: (batchId: number) => void;
  /** e.g. { orientation: false } for a stack the operator knows is upright: orientation costs about a second a page. */
  pageOptions?: Partial<PageOptions>;
  /** 插入页面: the batch's pages go after this page number of its case (0: in front) instead of at the end. */
  insertAfter?: number;
}

/**
 * Where the next page of an inserting batch goes: right behind the last page the batch put in the
 * case (so a continued batch carries on there, whatever was edited meanwhile), else after `after`.
 */
function insertionPoint(db: Db, caseId: number, batchId: number, after: number): number {
  const last = db.prepare<[number, number], number>('SELECT position FROM pages WHERE batch_id = ? AND case_id = ? ORDER BY batch_seq DESC LIMIT 1').pluck().get(batchId, caseId);
  return last !== undefined ? last + 1 : Math.min(after, pageCount(db, caseId)) + 1;
}

const ABORTED = Symbol('aborted');

/** Reads the page for a separator sheet while the pipeline already works on it; a sheet's processing is dropped. */
async function pageOrSheet(pipeline: PageProcessor, page: RawPage, options?: Partial<PageOptions>): Promise<ProcessedPage | SeparatorSheet> {
  const processed = pipeline.process(page, options);
  processed.catch(() => {});
  return (await readSheet(page)) ?? processed;
}

function whenAborted(signal?: AbortSignal): Promise<typeof ABORTED> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
}

/**
 * Runs scan batches so that a page is on disk and in the case the moment it is reported:
 * process → master and thumbnail written with fsync → page row and audit entry in one
 * transaction → progress. A crash loses at most the pages still being processed.
 */
export class CaptureService {
  constructor(private readonly deps: CaptureDeps) {}

  /** Starts a batch for the case and stores each page the source delivers, at the end of the case. */
  async scan(req: ScanRun & { caseNumber: string; device: string; settings: unknown }): Promise<CaptureResult> {
    const c = getCase(this.deps.db, req.caseNumber);
    const batchId = startBatch(this.deps.db, { caseId: c.id, caseNumber: c.number, kind: 'scan', device: req.device, settings: req.settings, actor: req.actor });
    return this.run({ batchId, caseId: c.id, caseNumber: c.number }, req);
  }

  /** "Continue scanning": reopens an interrupted, cancelled or failed batch and appends after the case's last page. */
  async continueBatch(req: ScanRun & { batchId: number }): Promise<CaptureResult> {
    const batch = resumeBatch(this.deps.db, req.batchId, req.actor);
    return this.run({ batchId: batch.id, caseId: batch.caseId, caseNumber: batch.caseNumber }, req);
  }

  /**
   * 重扫此页: takes the first page the source delivers, stops the feed, and puts the processed page
   * in place of `pageId` (edits/pageEdits.ts replaceMaster). An empty feed is SCANNER_FEEDER_EMPTY.
   */
  async rescanPage(req: { caseNumber: string; pageId: number; device: string; pages: AsyncIterable<RawPage>; actor: string; pageOptions?: Partial<PageOptions> }) {
    let raw: RawPage | undefined;
    for await (const p of req.pages) {
      raw = p;
      break;
    }
    if (!raw) throw new CourtError('SCANNER_FEEDER_EMPTY');
    const page = await this.deps.pipeline.process(raw, req.pageOptions);
    const stored = storeBlobs(this.deps.blobs, page);
    return replaceMaster(this.deps, { caseNumber: req.caseNumber, pageId: req.pageId, page: factsOf(page), blobs: stored, actor: req.actor, device: req.device });
  }

  private async run(target: { batchId: number; caseId: number; caseNumber: string }, req: ScanRun): Promise<CaptureResult> {
    const { db, blobs, pipeline } = this.deps;
    req.onStart?.(target.batchId);
    const pages: CapturedPage[] = [];
    const errors: ErrorData[] = [];
    const warned = new Set<string>();
    const inflight: Promise<ProcessedPage | SeparatorSheet>[] = [];
    const router = new SheetRouter(db, blobs, target, req.actor);
    const iterator = req.pages[Symbol.asyncIterator]();
    const aborted = whenAborted(req.signal);

    const commit = (page: ProcessedPage | SeparatorSheet) => {
      if ('kind' in page) return router.accept(page);
      const to = router.target;
      const stored = storeBlobs(blobs, page);
      const captured = db.transaction(() => {
        const inserting = req.insertAfter !== undefined && to.caseId === target.caseId;
        const at = inserting ? insertionPoint(db, to.caseId, to.batchId, req.insertAfter!) : undefined;
        const inserted = insertPage(db, { caseId: to.caseId, caseNumber: to.caseNumber, batchId: to.batchId, source: 'scan', page, blobs: stored, actor: req.actor, at });
        // A page put between others belongs to the document it lands in, unless a separator sheet opened one.
        if (at !== undefined) db.prepare('UPDATE pages SET document_id = ? WHERE id = ?').run(documentAt(db, to.caseId, at), inserted.pageId);
        router.place(inserted);
        return inserted;
      })();
      if (router.keep(captured)) pages.push(captured);
      for (const w of page.warnings) {
        if (warned.has(w.code)) continue;
        warned.add(w.code);
        errors.push(new CourtError(w.code, { details: { index: captured.position, cause: w.message } }).toData());
      }
      req.onProgress?.({ batchId: to.batchId, done: captured.batchSeq, page: captured });
      this.deps.events?.emit('job.progress', {
        jobId: `capture-${to.batchId}`,
        kind: 'scan',
        done: captured.batchSeq,
        total: null,
        message: `已保存第 ${captured.position} 页`,
      });
    };

    // A feeder failure (jam, lost connection) comes after every page it delivered, so those are kept;
    // a page that fails processing would leave a gap, so the pages behind it are not.
    let feederFailure: unknown = null;
    let pageFailure: unknown = null;
    let cancelled = false;
    try {
      for (;;) {
        let next: IteratorResult<RawPage> | typeof ABORTED;
        try {
          next = await Promise.race([iterator.next(), aborted]);
        } catch (e) {
          if (req.signal?.aborted) cancelled = true;
          else feederFailure = e;
          break;
        }
        if (next === ABORTED) {
          cancelled = true;
          break;
        }
        if (next.done) break;
        const job = pageOrSheet(pipeline, next.value, req.pageOptions);
        job.catch(() => {}); // observed in order below; this only keeps a queued failure from going unhandled
        inflight.push(job);
        if (inflight.length >= pipeline.concurrency) commit(await inflight.shift()!);
      }
      while (inflight.length > 0) commit(await inflight.shift()!);
    } catch (e) {
      pageFailure = e;
    }
    await Promise.allSettled(inflight);
    if (cancelled || pageFailure !== null) void Promise.resolve(iterator.return?.()).catch(() => {});

    const failure = pageFailure ?? feederFailure;
    const status = failure !== null ? 'failed' : cancelled ? 'cancelled' : 'completed';
    const error = failure !== null ? errorData(failure) : undefined;
    if (error) errors.unshift(error);
    finishBatch(db, target.batchId, status, req.actor, error);
    const routed = router.finish(status, error);
    return { caseNumber: target.caseNumber, batchIds: [target.batchId], status, pages, errors, ...(routed.length > 0 ? { routed } : {}) };
  }
}
