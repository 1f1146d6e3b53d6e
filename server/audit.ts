import type { Client, Pool } from './db/pool.js';

export type AuditOutcome = 'ok' | 'denied' | 'alarm' | 'error';

export interface ServerAuditEntry {
  actor: string;
  workstationId?: string | null;
  action: string;
  subject: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** Appends one row to the append-only audit table; pass the transaction's client to commit it with the change. */
export async function audit(db: Pool | Client, e: ServerAuditEntry): Promise<void> {
  await db.query('INSERT INTO audit (actor, workstation_id, action, subject, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    e.actor,
    e.workstationId ?? null,
    e.action,
    e.subject,
    e.outcome,
    e.detail === undefined ? null : JSON.stringify(e.detail),
  ]);
}
