import { setImmediate as nextTurn } from 'node:timers/promises';
import { CourtError, finishedJobStates, type Job, type JobKind } from '../contract/index.js';
import type { EventBus } from '../rpc/eventBus.js';
import { errorData } from '../scanning/batches/captureResult.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { finishJob, getJob, insertJob, interruptJob, listJobs, markRunning, recordProgress } from './jobRepository.js';
import { ProgressThrottle, systemClock, type Clock } from './progressThrottle.js';

export interface JobContext {
  /** Aborted when the job is cancelled or the workstation shuts down; the work should stop soon after. */
  signal: AbortSignal;
  progress(done: number, total: number | null, message: string): void;
}

export type JobWork = (ctx: JobContext) => Promise<Record<string, unknown>>;

export interface JobServiceDeps {
  db: Db;
  events: EventBus;
  /** At most one progress event and row update per job per interval (default 200 ms: five a second). */
  progressIntervalMs?: number;
  /** Jobs of one kind that may run at once (default 1: the machine may have two cores in all). */
  concurrency?: Partial<Record<JobKind, number>>;
  clock?: Clock;
}

interface Entry {
  job: Job;
  work: JobWork;
  abort: AbortController;
  settled: Promise<Job>;
  settle: (job: Job) => void;
}

const cancelledError = () => new CourtError('JOB_CANCELLED').toData();

/**
 * Result fields that grant access to something (a download id). job.state reaches every
 * signed-in window whatever its role, so these travel only in answers to role-checked calls.
 */
const CAPABILITY_KEYS: readonly string[] = ['downloadId', 'downloadExpiresAt'];

function withoutCapabilities(job: Job): Job {
  if (!job.result) return job;
  return { ...job, result: Object.fromEntries(Object.entries(job.result).filter(([key]) => !CAPABILITY_KEYS.includes(key))) };
}

/**
 * Runs long work in the background and keeps the jobs table and every window up to date:
 * job.state when a job is queued, starts or ends, job.progress (throttled) in between.
 * The work itself must not hold the event loop for long (export renders in a worker thread).
 */
export class JobService {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting = new Map<JobKind, Entry[]>();
  private readonly runningCount = new Map<JobKind, number>();
  private closed = false;

  constructor(private readonly deps: JobServiceDeps) {}

  /** Records the job and answers at once with its row; the work starts on a later turn of the event loop. */
  start(kind: JobKind, subject: string, actor: string, work: JobWork): Job {
    if (this.closed) throw new CourtError('INTERNAL', { details: { why: 'job service is closed' } });
    const job = insertJob(this.deps.db, { kind, subject, actor, message: '排队中' });
    let settle: (job: Job) => void = () => undefined;
    const settled = new Promise<Job>((resolve) => (settle = resolve));
    const entry: Entry = { job, work, abort: new AbortController(), settled, settle };
    this.entries.set(job.id, entry);
    const queue = this.waiting.get(kind) ?? [];
    queue.push(entry);
    this.waiting.set(kind, queue);
    this.announce(job);
    this.pump(kind);
    return getJob(this.deps.db, job.id);
  }

  get(jobId: string): Job {
    return getJob(this.deps.db, jobId);
  }

  list(opts: { subject?: string; limit: number }): Job[] {
    return listJobs(this.deps.db, opts);
  }

  /** The queued or running job of this kind for this subject in this process, if any. */
  active(kind: JobKind, subject: string): Job | null {
    for (const e of this.entries.values()) if (e.job.kind === kind && e.job.subject === subject) return getJob(this.deps.db, e.job.id);
    return null;
  }

  /** Resolves with the job's final row (at once for a job that has already ended or belongs to another process). */
  whenSettled(jobId: string): Promise<Job> {
    return this.entries.get(jobId)?.settled ?? Promise.resolve(getJob(this.deps.db, jobId));
  }

  /**
   * Only whoever started the job, or an administrator, may cancel it. A queued job ends at once;
   * a running one is asked to stop and ends as cancelled when its work has let go.
   */
  cancel(jobId: string, by: { username: string; admin: boolean }): Job {
    const job = getJob(this.deps.db, jobId);
    if (!by.admin && job.createdBy !== by.username) {
      throw new CourtError('FORBIDDEN', { message: '只能取消自己发起的任务', messageEn: 'You may cancel only jobs you started', remedy: '请联系任务发起人或管理员' });
    }
    if (finishedJobStates.includes(job.state)) return job;
    const entry = this.entries.get(jobId);
    if (!entry) return job;
    if (job.state === 'queued') {
      const queue = this.waiting.get(job.kind) ?? [];
      queue.splice(queue.indexOf(entry), 1);
      appendAudit(this.deps.db, { actor: by.username, action: 'job.cancel', subject: `job:${jobId}`, after: { kind: job.kind, subject: job.subject } });
      this.end(entry, finishJob(this.deps.db, jobId, { state: 'cancelled', message: '已取消', error: cancelledError() }));
      return getJob(this.deps.db, jobId);
    }
    appendAudit(this.deps.db, { actor: by.username, action: 'job.cancel', subject: `job:${jobId}`, after: { kind: job.kind, subject: job.subject, done: job.done } });
    entry.abort.abort();
    return job;
  }

  /** At shutdown: every job of this process is stopped and recorded as interrupted, so it can be run again later. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const entry of this.entries.values()) {
      entry.abort.abort();
      try {
        const job = interruptJob(this.deps.db, entry.job.id);
        this.announce(job);
        entry.settle(job);
      } catch (err) {
        console.error('[courtdesk] could not record an interrupted job', err);
      }
    }
    this.entries.clear();
    this.waiting.clear();
  }

  private pump(kind: JobKind): void {
    const limit = this.deps.concurrency?.[kind] ?? 1;
    const queue = this.waiting.get(kind) ?? [];
    while (queue.length > 0 && (this.runningCount.get(kind) ?? 0) < limit) {
      const entry = queue.shift()!;
      this.runningCount.set(kind, (this.runningCount.get(kind) ?? 0) + 1);
      entry.job = markRunning(this.deps.db, entry.job.id, '正在开始…');
      this.announce(entry.job);
      void this.run(entry).finally(() => {
        this.runningCount.set(kind, (this.runningCount.get(kind) ?? 1) - 1);
        if (!this.closed) this.pump(kind);
      });
    }
  }

  private async run(entry: Entry): Promise<void> {
    const { db, events } = this.deps;
    const { id, kind } = entry.job;
    let last: { done: number; total: number | null } | undefined;
    const throttle = new ProgressThrottle<{ done: number; total: number | null; message: string }>(
      (p) => {
        if (this.closed) return;
        recordProgress(db, id, p);
        events.emit('job.progress', { jobId: id, kind, ...p });
      },
      this.deps.progressIntervalMs ?? 200,
      this.deps.clock ?? systemClock,
    );
    const signal = entry.abort.signal;
    let outcome: Parameters<typeof finishJob>[2];
    try {
      // The caller gets its answer before any of the work's synchronous start-up runs.
      await nextTurn();
      if (signal.aborted) throw new CourtError('JOB_CANCELLED');
      const result = await entry.work({
        signal,
        progress: (done, total, message) => {
          last = { done, total };
          throttle.push({ done, total, message });
        },
      });
      throttle.flush();
      outcome = { state: 'done', message: '已完成', result, progress: last };
    } catch (err) {
      throttle.flush();
      outcome = signal.aborted
        ? { state: 'cancelled', message: '已取消', error: cancelledError() }
        : { state: 'failed', message: '失败', error: errorData(err) };
    }
    if (this.closed) return;
    try {
      this.end(entry, finishJob(db, id, outcome));
    } catch (err) {
      console.error('[courtdesk] could not record the end of job', id, err);
      entry.settle(entry.job);
    }
  }

  private end(entry: Entry, job: Job): void {
    this.entries.delete(job.id);
    this.announce(job);
    entry.settle(job);
  }

  private announce(job: Job): void {
    this.deps.events.emit('job.state', withoutCapabilities(job));
  }
}
