import { randomUUID } from 'node:crypto';
import { CourtError, type ErrorData, type Job, type JobKind, type JobState } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';

interface JobRow {
  id: string;
  kind: JobKind;
  subject: string;
  state: JobState;
  done: number;
  total: number | null;
  message: string;
  result_json: string | null;
  error_json: string | null;
  owner_pid: number | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  state: r.state,
  done: r.done,
  total: r.total,
  message: r.message,
  result: r.result_json === null ? null : (JSON.parse(r.result_json) as Record<string, unknown>),
  error: r.error_json === null ? null : (JSON.parse(r.error_json) as ErrorData),
  createdBy: r.created_by,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Jobs this process runs right now; recovery must never touch them. */
const activeHere = new Set<string>();

export function getJob(db: Db, id: string): Job {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw new CourtError('JOB_NOT_FOUND', { details: { jobId: id } });
  return toJob(row);
}

/** Newest first. */
export function listJobs(db: Db, opts: { subject?: string; limit: number }): Job[] {
  const where = opts.subject === undefined ? '' : 'WHERE subject = ?';
  const rows = db.prepare(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(...(opts.subject === undefined ? [] : [opts.subject]), opts.limit) as JobRow[];
  return rows.map(toJob);
}

export function insertJob(db: Db, j: { kind: JobKind; subject: string; actor: string; message: string }): Job {
  const id = randomUUID();
  db.prepare(`INSERT INTO jobs (id, kind, subject, state, message, owner_pid, created_by) VALUES (?, ?, ?, 'queued', ?, ?, ?)`).run(
    id,
    j.kind,
    j.subject,
    j.message,
    process.pid,
    j.actor,
  );
  activeHere.add(id);
  return getJob(db, id);
}

export function markRunning(db: Db, id: string, message: string): Job {
  db.prepare(`UPDATE jobs SET state = 'running', message = ?, started_at = ${NOW}, updated_at = ${NOW} WHERE id = ?`).run(message, id);
  return getJob(db, id);
}

export function recordProgress(db: Db, id: string, p: { done: number; total: number | null; message: string }): void {
  db.prepare(`UPDATE jobs SET done = ?, total = ?, message = ?, updated_at = ${NOW} WHERE id = ? AND state = 'running'`).run(p.done, p.total, p.message, id);
}

export function finishJob(
  db: Db,
  id: string,
  end: { state: 'done' | 'failed' | 'cancelled' | 'interrupted'; message: string; result?: Record<string, unknown>; error?: ErrorData; progress?: { done: number; total: number | null } },
): Job {
  db.prepare(
    `UPDATE jobs SET state = ?, message = ?, result_json = ?, error_json = ?, done = coalesce(?, done), total = coalesce(?, total),
            updated_at = ${NOW}, finished_at = ${NOW} WHERE id = ?`,
  ).run(end.state, end.message, end.result ? JSON.stringify(end.result) : null, end.error ? JSON.stringify(end.error) : null, end.progress?.done ?? null, end.progress?.total ?? null, id);
  activeHere.delete(id);
  return getJob(db, id);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const interruptedError = () => new CourtError('JOB_INTERRUPTED').toData();

/**
 * Call at startup: a job still queued or running whose process is gone was cut short (crash,
 * kill -9, power cut) and becomes interrupted, so the UI offers 重新执行. Jobs of another live
 * process (a `courtdesk serve` beside this CLI run) are left alone.
 */
export function recoverJobs(db: Db): Job[] {
  return db.transaction(() => {
    const rows = db.prepare(`SELECT * FROM jobs WHERE state IN ('queued', 'running')`).all() as JobRow[];
    const orphaned = rows.filter((r) => !activeHere.has(r.id) && (r.owner_pid === null || r.owner_pid === process.pid || !alive(r.owner_pid)));
    return orphaned.map((r) => {
      const job = finishJob(db, r.id, { state: 'interrupted', message: '任务已中断', error: interruptedError() });
      appendAudit(db, { actor: 'system', action: 'job.interrupted', subject: `job:${r.id}`, after: { kind: r.kind, subject: r.subject, done: r.done, total: r.total } });
      return job;
    });
  })();
}

/** At shutdown: this process's jobs stop with it. */
export function interruptJob(db: Db, id: string): Job {
  return finishJob(db, id, { state: 'interrupted', message: '任务已中断', error: interruptedError() });
}
