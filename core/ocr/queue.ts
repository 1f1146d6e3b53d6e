import { availableParallelism } from 'node:os';
import { CourtError, type ErrorData, type JobProgress } from '../contract/index.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { validateLangs, type OcrEngine, type OcrLang, type OcrResult } from './port.js';
import { putPageFirst } from './putFirst.js';

export type OcrJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface OcrJob {
  id: number;
  pageId: number;
  priority: number;
  langs: OcrLang[];
  status: OcrJobStatus;
  attempts: number;
  error: ErrorData | null;
}

export interface OcrQueueOptions {
  db: Db;
  blobs: BlobStore;
  engine: OcrEngine;
  /** Pages recognised at once; defaults to one per core. */
  concurrency?: number;
  /** A page that keeps failing (crash, timeout) is given up after this many tries. */
  maxAttempts?: number;
  /** Wire to EventBus 'job.progress' so every window shows the same progress. */
  onProgress?: (p: JobProgress) => void;
}

interface JobRow {
  id: number;
  page_id: number;
  priority: number;
  langs: string;
  status: OcrJobStatus;
  attempts: number;
  error: string | null;
}

const now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
/** Missing programs or language packs fail every page alike: the runner pauses instead of failing them all. */
const ENVIRONMENT_ERRORS = new Set(['OCR_ENGINE_MISSING', 'OCR_LANG_MISSING']);
const RETRYABLE_ERRORS = new Set(['OCR_FAILED', 'INTERNAL']);
const OTHER_PROCESS_POLL_MS = 2000;

const toJob = (r: JobRow): OcrJob => ({
  id: r.id,
  pageId: r.page_id,
  priority: r.priority,
  langs: validateLangs(r.langs.split('+')),
  status: r.status,
  attempts: r.attempts,
  error: r.error === null ? null : (JSON.parse(r.error) as ErrorData),
});

const toCourtError = (err: unknown) => (err instanceof CourtError ? err : new CourtError('INTERNAL', { details: { cause: String(err) } }));

/**
 * Persistent background OCR of stored pages. Jobs live in ocr_jobs, so a restart resumes where
 * the last run stopped; each page's text is written to page_text (and so to the search index)
 * in the same transaction that marks its job done. One runner per data directory.
 */
export class OcrQueue {
  private readonly db: Db;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly inflight = new Map<number, AbortController>();
  private workers: Promise<void>[] = [];
  private draining: Promise<void> | null = null;
  private active = false;
  private wakeUp: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private run: { id: string; done: number; failed: number } | null = null;
  private lastError: ErrorData | null = null;
  private watcher: NodeJS.Timeout | null = null;

  constructor(private readonly opts: OcrQueueOptions) {
    this.db = opts.db;
    this.concurrency = opts.concurrency ?? availableParallelism();
    this.maxAttempts = opts.maxAttempts ?? 3;
  }

  /** Queues pages for recognition (again, if already done or failed); returns how many were queued. */
  enqueue(pageIds: readonly number[], langs: readonly OcrLang[]): number {
    const spec = validateLangs(langs).join('+');
    const ids = [...new Set(pageIds)];
    if (!ids.every((id) => Number.isSafeInteger(id) && id > 0)) throw new CourtError('INVALID_INPUT', { details: { pageIds } });
    const exists = this.db.prepare('SELECT 1 FROM pages WHERE id = ?').pluck();
    const upsert = this.db.prepare(
      `INSERT INTO ocr_jobs (page_id, langs) VALUES (?, ?)
       ON CONFLICT (page_id) DO UPDATE SET langs = excluded.langs, status = 'queued', attempts = 0, error = NULL,
         started_at = NULL, finished_at = NULL, updated_at = ${now}
       WHERE ocr_jobs.status <> 'running'`,
    );
    const queued = this.db.transaction(() => {
      const missing = ids.filter((id) => exists.get(id) === undefined);
      if (missing.length > 0) throw new CourtError('OCR_PAGE_NOT_FOUND', { details: { pageIds: missing } });
      return ids.reduce((n, id) => n + upsert.run(id, spec).changes, 0);
    })();
    this.notify();
    return queued;
  }

  /** Moves a queued page ahead of all others (the page the user is looking at); false if it is not waiting. */
  prioritise(pageId: number): boolean {
    return putPageFirst(this.db, pageId);
  }

  /** Withdraws pages from the queue, killing their recognition if it is under way; returns how many were withdrawn. */
  cancel(pageIds: readonly number[]): number {
    const del = this.db.prepare("DELETE FROM ocr_jobs WHERE page_id = ? AND status IN ('queued', 'running')");
    const removed = this.db.transaction(() => pageIds.reduce((n, id) => n + del.run(id).changes, 0))();
    for (const id of pageIds) this.inflight.get(id)?.abort();
    this.settleIfIdle();
    return removed;
  }

  /** Starts the workers, first returning jobs that a crash left running to the queue. */
  start(): void {
    if (this.active) return;
    // Workers of a stop still under way must drain first, or their jobs would be taken twice.
    if (this.draining) {
      void this.draining.then(() => this.start());
      return;
    }
    this.recoverInterrupted();
    this.active = true;
    this.lastError = null;
    this.workers = Array.from({ length: this.concurrency }, () => this.work());
    this.watchOtherProcesses();
  }

  /**
   * Pages queued by another process on the same store (`courtdesk import` beside a running
   * desktop app or `courtdesk serve`) wake idle workers too: SQLite's data_version changes when
   * another connection commits, and reading it costs no I/O.
   */
  private watchOtherProcesses(): void {
    let seen = this.db.pragma('data_version', { simple: true });
    this.watcher = setInterval(() => {
      const now = this.db.pragma('data_version', { simple: true });
      if (now === seen) return;
      seen = now;
      this.notify();
    }, OTHER_PROCESS_POLL_MS);
    this.watcher.unref();
  }

  /** Stops the workers; pages being recognised are killed and stay queued for the next start. */
  stop(): Promise<void> {
    this.active = false;
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
    for (const c of this.inflight.values()) c.abort();
    this.notify();
    this.draining ??= Promise.all(this.workers).then(() => {
      this.workers = [];
      this.draining = null;
      this.settleIfIdle();
    });
    return this.draining;
  }

  /** Resolves when nothing is queued or running, or the runner has stopped. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.settleIfIdle();
    });
  }

  status(): { active: boolean; lastError: ErrorData | null } & Record<OcrJobStatus, number> {
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM ocr_jobs GROUP BY status').all() as { status: OcrJobStatus; n: number }[];
    for (const r of rows) counts[r.status] = r.n;
    return { active: this.active, lastError: this.lastError, ...counts };
  }

  job(pageId: number): OcrJob | undefined {
    const row = this.db.prepare('SELECT * FROM ocr_jobs WHERE page_id = ?').get(pageId) as JobRow | undefined;
    return row && toJob(row);
  }

  private recoverInterrupted(): void {
    const interrupted = JSON.stringify(new CourtError('OCR_FAILED', { details: { reason: 'interrupted' } }).toData());
    this.db
      .prepare(
        `UPDATE ocr_jobs SET status = CASE WHEN attempts >= @max THEN 'failed' ELSE 'queued' END,
           error = CASE WHEN attempts >= @max THEN @interrupted ELSE error END, updated_at = ${now}
         WHERE status = 'running'`,
      )
      .run({ max: this.maxAttempts, interrupted });
  }

  private async work(): Promise<void> {
    while (this.active) {
      const row = this.claim();
      if (!row) {
        this.settleIfIdle();
        await new Promise<void>((resolve) => this.wakeUp.push(resolve));
        continue;
      }
      await this.process(row);
    }
  }

  private claim(): JobRow | undefined {
    return this.db
      .prepare(
        `UPDATE ocr_jobs SET status = 'running', attempts = attempts + 1, started_at = ${now}, updated_at = ${now}
          WHERE id = (SELECT id FROM ocr_jobs WHERE status = 'queued' ORDER BY priority DESC, id LIMIT 1)
          RETURNING *`,
      )
      .get() as JobRow | undefined;
  }

  private async process(row: JobRow): Promise<void> {
    const controller = new AbortController();
    this.inflight.set(row.page_id, controller);
    const run = (this.run ??= { id: `ocr-${Date.now().toString(36)}`, done: 0, failed: 0 });
    try {
      const result = await this.recognize(row, controller.signal);
      if (this.save(row, result)) {
        run.done += 1;
        this.progress(`已识别页面 ${row.page_id} / recognised page ${row.page_id}`);
      }
    } catch (err) {
      this.fail(row, toCourtError(err));
    } finally {
      this.inflight.delete(row.page_id);
    }
  }

  private async recognize(row: JobRow, signal: AbortSignal): Promise<OcrResult> {
    const page = this.db.prepare('SELECT sha256 FROM pages WHERE id = ?').get(row.page_id) as { sha256: string } | undefined;
    if (!page) throw new CourtError('OCR_PAGE_NOT_FOUND', { details: { pageId: row.page_id } });
    if (!this.opts.blobs.has(page.sha256)) {
      throw new CourtError('OCR_IMAGE_UNREADABLE', { details: { pageId: row.page_id, reason: 'page file missing from the store' } });
    }
    return this.opts.engine.recognize({ file: this.opts.blobs.pathOf(page.sha256) }, { langs: validateLangs(row.langs.split('+')), signal });
  }

  /** Writes the text and closes the job together; false when the job was withdrawn meanwhile. */
  private save(row: JobRow, result: OcrResult): boolean {
    return this.db.transaction(() => {
      const closed = this.db
        .prepare(`UPDATE ocr_jobs SET status = 'done', error = NULL, finished_at = ${now}, updated_at = ${now} WHERE id = ? AND status = 'running'`)
        .run(row.id);
      if (closed.changes === 0) return false;
      this.db
        .prepare(
          `INSERT INTO page_text (page_id, text, words_json, lang, engine) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (page_id) DO UPDATE SET text = excluded.text, words_json = excluded.words_json,
             lang = excluded.lang, engine = excluded.engine, created_at = ${now}`,
        )
        .run(row.page_id, result.text, JSON.stringify(result.words), result.langs.join('+'), result.engine);
      return true;
    })();
  }

  private fail(row: JobRow, err: CourtError): void {
    const requeue = (error: string | null) =>
      this.db
        .prepare(`UPDATE ocr_jobs SET status = 'queued', attempts = attempts - 1, error = ?, updated_at = ${now} WHERE id = ? AND status = 'running'`)
        .run(error, row.id);
    if (err.code === 'OCR_CANCELLED') {
      requeue(null);
      return;
    }
    const error = JSON.stringify(err.toData());
    if (ENVIRONMENT_ERRORS.has(err.code)) {
      requeue(error);
      this.lastError = err.toData();
      this.progress(`文字识别已暂停：${err.message}。${err.remedy} / OCR paused: ${err.messageEn}`);
      void this.stop();
      return;
    }
    const retry = RETRYABLE_ERRORS.has(err.code) && row.attempts < this.maxAttempts;
    this.db
      .prepare(
        `UPDATE ocr_jobs SET status = @status, error = @error, updated_at = ${now},
           finished_at = CASE WHEN @status = 'failed' THEN ${now} END
         WHERE id = @id AND status = 'running'`,
      )
      .run({ status: retry ? 'queued' : 'failed', error, id: row.id });
    if (!retry && this.run) {
      this.run.failed += 1;
      this.progress(`页面 ${row.page_id} 识别失败：${err.message} / page ${row.page_id} failed: ${err.messageEn}`);
    }
  }

  private progress(message: string): void {
    if (!this.run || !this.opts.onProgress) return;
    const { queued, running } = this.status();
    const done = this.run.done + this.run.failed;
    this.opts.onProgress({ jobId: this.run.id, kind: 'ocr', done, total: done + queued + running, message });
  }

  private notify(): void {
    for (const wake of this.wakeUp.splice(0)) wake();
  }

  private settleIfIdle(): void {
    if (this.idleWaiters.length === 0 && this.run === null) return;
    const { queued, running } = this.status();
    const idle = !this.active || (queued === 0 && running === 0 && this.inflight.size === 0);
    if (!idle) return;
    if (queued === 0 && running === 0) this.run = null;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
