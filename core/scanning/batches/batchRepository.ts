import { CourtError, type ErrorData } from '../../contract/index.js';
import { appendAudit } from '../../store/audit.js';
import type { Db } from '../../store/database.js';

export type BatchStatus = 'running' | 'completed' | 'interrupted' | 'cancelled' | 'failed';
export type BatchKind = 'scan' | 'import';

export interface CaptureBatch {
  id: number;
  caseId: number;
  caseNumber: string;
  kind: BatchKind;
  device: string;
  settings: unknown;
  status: BatchStatus;
  startedAt: string;
  endedAt: string | null;
  error: ErrorData | null;
  pages: number;
}

interface BatchRow {
  id: number;
  case_id: number;
  number: string;
  kind: BatchKind;
  device: string;
  settings_json: string;
  status: BatchStatus;
  owner_pid: number | null;
  started_at: string;
  ended_at: string | null;
  error_json: string | null;
  pages: number;
}

const SELECT = `SELECT b.*, c.number, (SELECT COUNT(*) FROM pages p WHERE p.batch_id = b.id) AS pages
                  FROM capture_batches b JOIN cases c ON c.id = b.case_id`;

const toBatch = (r: BatchRow): CaptureBatch => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.number,
  kind: r.kind,
  device: r.device,
  settings: JSON.parse(r.settings_json),
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  error: r.error_json === null ? null : (JSON.parse(r.error_json) as ErrorData),
  pages: r.pages,
});

const subject = (caseNumber: string) => `case:${caseNumber}`;

/** Batches this process is running right now; recovery must never touch them. */
const activeHere = new Set<number>();

export function getBatch(db: Db, id: number): CaptureBatch {
  const row = db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!row) throw new CourtError('BATCH_NOT_FOUND', { details: { batchId: id } });
  return toBatch(row);
}

export function listBatches(db: Db, caseId: number): CaptureBatch[] {
  return (db.prepare(`${SELECT} WHERE b.case_id = ? ORDER BY b.id`).all(caseId) as BatchRow[]).map(toBatch);
}

/** Opens a running scan batch (audited) and claims it for this process. */
export function startBatch(db: Db, b: { caseId: number; caseNumber: string; kind: BatchKind; device: string; settings: unknown; actor: string }): number {
  const id = db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO capture_batches (case_id, kind, device, settings_json, status, owner_pid, created_by) VALUES (?, ?, ?, ?, 'running', ?, ?)`)
      .run(b.caseId, b.kind, b.device, JSON.stringify(b.settings ?? null), process.pid, b.actor);
    const id = Number(lastInsertRowid);
    appendAudit(db, { actor: b.actor, action: 'capture.batch.start', subject: subject(b.caseNumber), after: { batchId: id, kind: b.kind, device: b.device } });
    return id;
  })();
  activeHere.add(id);
  return id;
}

/** Reopens an interrupted, cancelled or failed batch so scanning can carry on where it stopped. */
export function resumeBatch(db: Db, id: number, actor: string): CaptureBatch {
  const batch = db.transaction(() => {
    const batch = getBatch(db, id);
    if (batch.kind !== 'scan' || !['interrupted', 'cancelled', 'failed'].includes(batch.status) || activeHere.has(id)) {
      throw new CourtError('BATCH_NOT_RESUMABLE', { details: { batchId: id, status: batch.status } });
    }
    db.prepare(`UPDATE capture_batches SET status = 'running', owner_pid = ?, ended_at = NULL, error_json = NULL WHERE id = ?`).run(process.pid, id);
    appendAudit(db, { actor, action: 'capture.batch.resume', subject: subject(batch.caseNumber), before: { status: batch.status }, after: { batchId: id, pages: batch.pages } });
    return batch;
  })();
  activeHere.add(id);
  return batch;
}

/** An imported file is all-or-nothing, so its batch is born completed; call inside the transaction that adds its pages. */
export function recordImportBatch(db: Db, b: { caseId: number; caseNumber: string; source: unknown; actor: string }): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO capture_batches (case_id, kind, device, settings_json, status, ended_at, created_by)
       VALUES (?, 'import', 'file', ?, 'completed', strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)`,
    )
    .run(b.caseId, JSON.stringify(b.source), b.actor);
  const id = Number(lastInsertRowid);
  appendAudit(db, { actor: b.actor, action: 'capture.import', subject: subject(b.caseNumber), after: { batchId: id, source: b.source } });
  return id;
}

export function finishBatch(db: Db, id: number, status: Exclude<BatchStatus, 'running'>, actor: string, error?: ErrorData): void {
  db.transaction(() => {
    const batch = getBatch(db, id);
    db.prepare(`UPDATE capture_batches SET status = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), error_json = ? WHERE id = ?`).run(
      status,
      error ? JSON.stringify(error) : null,
      id,
    );
    appendAudit(db, { actor, action: 'capture.batch.end', subject: subject(batch.caseNumber), after: { batchId: id, status, pages: batch.pages, error: error?.code } });
  })();
  activeHere.delete(id);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Call at startup: a batch still marked running whose process is gone was cut short (crash,
 * kill, power cut). Its committed pages stay; the batch becomes interrupted so the operator can
 * continue scanning after its last page. Batches of another live process are left alone.
 */
export function recoverInterruptedBatches(db: Db): CaptureBatch[] {
  return db.transaction(() => {
    const rows = db.prepare(`${SELECT} WHERE b.status = 'running'`).all() as BatchRow[];
    const orphaned = rows.filter((r) => !activeHere.has(r.id) && (r.owner_pid === null || r.owner_pid === process.pid || !alive(r.owner_pid)));
    for (const r of orphaned) {
      db.prepare(`UPDATE capture_batches SET status = 'interrupted', ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(r.id);
      appendAudit(db, { actor: 'system', action: 'capture.batch.interrupted', subject: subject(r.number), after: { batchId: r.id, pages: r.pages } });
    }
    return orphaned.map((r) => toBatch({ ...r, status: 'interrupted' }));
  })();
}
