import { z } from 'zod';
import { parseCaseNumber } from '../cases/caseNumber.js';
import type { Party } from '../contract/schemas/case.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import type { SyncApi } from './apiClient.js';
import { mergeAssignment, type AssignmentFields, type FieldConflict } from './mergeAssignment.js';
import { AssignedCaseSchema, AssignmentsPageSchema, type AssignedCase, type AssignmentItem } from './protocol.js';
import { getSyncState, setSyncState } from './syncState.js';

export interface AssignmentConflict extends FieldConflict {
  caseNumber: string;
}

export interface AssignmentReport {
  received: number;
  created: number;
  updated: number;
  revoked: number;
  conflicts: AssignmentConflict[];
}

const ACTOR = 'sync:server';

function localFields(db: Db, caseId: number): AssignmentFields {
  const { title } = db.prepare('SELECT title FROM cases WHERE id = ?').get(caseId) as { title: string };
  const parties = db.prepare('SELECT role, name FROM parties WHERE case_id = ? ORDER BY id').all(caseId) as Party[];
  return { title, parties };
}

function writeParties(db: Db, caseId: number, parties: Party[]): void {
  db.prepare('DELETE FROM parties WHERE case_id = ?').run(caseId);
  const add = db.prepare('INSERT INTO parties (case_id, role, name) VALUES (?, ?, ?)');
  for (const p of parties) add.run(caseId, p.role, p.name);
}

/** Applies one pulled assignment; call inside a transaction. */
function applyItem(db: Db, item: AssignmentItem, report: AssignmentReport): void {
  const number = parseCaseNumber(item.case.number).canonical;
  const server: AssignmentFields = { title: item.case.title, parties: item.case.parties };
  const baseRow = db.prepare('SELECT server_json FROM sync_assignments WHERE case_number = ?').get(number) as { server_json: string } | undefined;
  const base = baseRow ? AssignedCaseSchema.parse(JSON.parse(baseRow.server_json)) : null;
  db.prepare(
    `INSERT INTO sync_assignments (case_number, seq, revoked, server_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_number) DO UPDATE SET seq = excluded.seq, revoked = excluded.revoked, server_json = excluded.server_json,
       pulled_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  ).run(number, item.seq, item.revoked ? 1 : 0, JSON.stringify({ ...item.case, number }));

  // A reassignment away keeps the local case and its pages; only the assignment is marked revoked.
  if (item.revoked) {
    report.revoked += 1;
    appendAudit(db, { actor: ACTOR, action: 'case.assignment-revoked', subject: `case:${number}` });
    return;
  }
  const existing = db.prepare('SELECT id FROM cases WHERE number = ?').get(number) as { id: number } | undefined;
  if (!existing) {
    const p = parseCaseNumber(number);
    const { lastInsertRowid } = db
      .prepare('INSERT INTO cases (number, year, court_code, type_code, sequence, title, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.canonical, p.year, p.courtCode, p.typeCode, p.sequence, server.title, ACTOR);
    writeParties(db, Number(lastInsertRowid), server.parties);
    appendAudit(db, { actor: ACTOR, action: 'case.assigned', subject: `case:${number}`, after: item.case });
    report.created += 1;
    return;
  }
  const local = localFields(db, existing.id);
  const { changes, conflicts } = mergeAssignment(base && { title: base.title, parties: base.parties }, local, server);
  if (changes.title !== undefined) db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(changes.title, existing.id);
  if (changes.parties !== undefined) writeParties(db, existing.id, changes.parties);
  const record = db.prepare('INSERT INTO sync_conflicts (case_number, field, local_json, server_json) VALUES (?, ?, ?, ?)');
  for (const c of conflicts) {
    record.run(number, c.field, JSON.stringify(c.local), JSON.stringify(c.server));
    report.conflicts.push({ caseNumber: number, ...c });
  }
  if (Object.keys(changes).length > 0) {
    appendAudit(db, { actor: ACTOR, action: 'case.assignment-updated', subject: `case:${number}`, before: local, after: { ...local, ...changes } });
    report.updated += 1;
  }
}

/** Pulls assignment changes since the stored cursor and applies them page by page (each page with its cursor, atomically). */
export async function pullAssignments(db: Db, api: SyncApi): Promise<AssignmentReport> {
  const report: AssignmentReport = { received: 0, created: 0, updated: 0, revoked: 0, conflicts: [] };
  let since = Number(getSyncState(db, 'assignments_cursor') ?? 0);
  for (;;) {
    const page = await api.call('GET', `/api/assignments?since=${since}`, AssignmentsPageSchema);
    db.transaction(() => {
      for (const item of page.items) applyItem(db, item, report);
      setSyncState(db, 'assignments_cursor', String(page.next));
    })();
    report.received += page.items.length;
    since = page.next;
    if (!page.more) return report;
  }
}

const StoredAssignment = AssignedCaseSchema.extend({ revoked: z.boolean() });

/** The assignment as the server last sent it, including judges (which have no local table). */
export function assignmentOf(db: Db, caseNumber: string): (AssignedCase & { revoked: boolean }) | null {
  const row = db.prepare('SELECT server_json, revoked FROM sync_assignments WHERE case_number = ?').get(parseCaseNumber(caseNumber).canonical) as
    | { server_json: string; revoked: number }
    | undefined;
  return row ? StoredAssignment.parse({ ...JSON.parse(row.server_json), revoked: row.revoked === 1 }) : null;
}

/** Recorded conflicts, oldest first; `resolution` names the rule that decided each ('server': the server's value was kept). */
export function listConflicts(db: Db, caseNumber?: string): (AssignmentConflict & { detectedAt: string; resolution: string })[] {
  const rows = db
    .prepare(`SELECT case_number, field, local_json, server_json, resolution, detected_at FROM sync_conflicts ${caseNumber ? 'WHERE case_number = ?' : ''} ORDER BY id`)
    .all(...(caseNumber ? [parseCaseNumber(caseNumber).canonical] : [])) as {
    case_number: string;
    field: string;
    local_json: string;
    server_json: string;
    resolution: string;
    detected_at: string;
  }[];
  return rows.map((r) => ({
    caseNumber: r.case_number,
    field: r.field as AssignmentConflict['field'],
    local: JSON.parse(r.local_json) as unknown,
    server: JSON.parse(r.server_json) as unknown,
    resolution: r.resolution,
    detectedAt: r.detected_at,
  }));
}
