import type { Db } from './database.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Appends to the audit log; call inside the transaction that makes the change. */
export function appendAudit(db: Db, e: AuditEntry): void {
  db.prepare('INSERT INTO audit_log (actor, action, subject, before_json, after_json) VALUES (?, ?, ?, ?, ?)').run(
    e.actor,
    e.action,
    e.subject,
    json(e.before),
    json(e.after),
  );
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

export function readAudit(db: Db, subject?: string): AuditRow[] {
  const rows = db
    .prepare(`SELECT id, at, actor, action, subject, before_json, after_json FROM audit_log ${subject ? 'WHERE subject = ?' : ''} ORDER BY id`)
    .all(...(subject ? [subject] : [])) as { id: number; at: string; actor: string; action: string; subject: string; before_json: string | null; after_json: string | null }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}
