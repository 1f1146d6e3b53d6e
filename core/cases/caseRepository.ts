import { CourtError, type Case, type CreateCaseInput, type Party } from '../contract/index.js';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { enqueueOutbox } from '../store/outbox.js';
import { parseCaseNumber } from './caseNumber.js';

interface CaseRow {
  id: number;
  number: string;
  year: number;
  court_code: string;
  type_code: string;
  sequence: number;
  title: string;
  created_at: string;
  created_by: string;
}

function partiesOf(db: Db, caseId: number): Party[] {
  return db.prepare('SELECT role, name FROM parties WHERE case_id = ? ORDER BY id').all(caseId) as Party[];
}

function toCase(db: Db, r: CaseRow): Case {
  return {
    id: r.id,
    number: r.number,
    year: r.year,
    courtCode: r.court_code,
    typeCode: r.type_code,
    sequence: r.sequence,
    title: r.title,
    parties: partiesOf(db, r.id),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export function createCase(db: Db, input: CreateCaseInput, actor: string): Case {
  const parsed = parseCaseNumber(input.number);
  if (input.type && input.type !== parsed.typeCode) {
    throw new CourtError('INVALID_CASE_NUMBER', {
      message: `案件类型“${input.type}”与案号中的类型代字“${parsed.typeCode}”不一致`,
      messageEn: `Case type "${input.type}" does not match the number's type code "${parsed.typeCode}"`,
      details: { input: input.number },
    });
  }
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM cases WHERE number = ?').get(parsed.canonical)) {
      throw new CourtError('CASE_EXISTS', { details: { number: parsed.canonical } });
    }
    const { lastInsertRowid } = db
      .prepare('INSERT INTO cases (number, year, court_code, type_code, sequence, title, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(parsed.canonical, parsed.year, parsed.courtCode, parsed.typeCode, parsed.sequence, input.title ?? '', actor);
    const addParty = db.prepare('INSERT INTO parties (case_id, role, name) VALUES (?, ?, ?)');
    for (const p of input.parties ?? []) addParty.run(lastInsertRowid, p.role, p.name);
    const created = getCaseById(db, Number(lastInsertRowid));
    appendAudit(db, { actor, action: 'case.create', subject: `case:${created.number}`, after: created });
    enqueueOutbox(db, 'case.created', { number: created.number });
    return created;
  })();
}

/**
 * Adds the parties a person confirmed (from a catalogued document's fields) to the case; those it
 * already has, by role and name, are left alone. Returns the ones added.
 */
export function addParties(db: Db, number: string, parties: readonly Party[], actor: string): Party[] {
  return db.transaction(() => {
    const found = getCase(db, number);
    const known = new Set(found.parties.map((p) => `${p.role}\u0000${p.name}`));
    const added = parties.filter((p) => {
      const key = `${p.role}\u0000${p.name.trim()}`;
      if (!p.name.trim() || known.has(key)) return false;
      known.add(key);
      return true;
    });
    if (added.length === 0) return [];
    const insert = db.prepare('INSERT INTO parties (case_id, role, name) VALUES (?, ?, ?)');
    for (const p of added) insert.run(found.id, p.role, p.name.trim());
    appendAudit(db, { actor, action: 'case.parties', subject: `case:${found.number}`, before: found.parties, after: partiesOf(db, found.id) });
    return added.map((p) => ({ role: p.role, name: p.name.trim() }));
  })();
}

function getCaseById(db: Db, id: number): Case {
  return toCase(db, db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow);
}

export function getCase(db: Db, number: string): Case {
  const canonical = parseCaseNumber(number).canonical;
  const row = db.prepare('SELECT * FROM cases WHERE number = ?').get(canonical) as CaseRow | undefined;
  if (!row) throw new CourtError('CASE_NOT_FOUND', { details: { number: canonical } });
  return toCase(db, row);
}

/** Search by 案号 fragment (brackets of either width), title or party name; newest first. */
export function listCases(db: Db, opts: { query?: string; limit: number }): Case[] {
  const q = opts.query?.replace(/[()]/g, (c) => (c === '(' ? '（' : '）')) ?? '';
  const rows = db
    .prepare(
      `SELECT c.* FROM cases c
        WHERE @q = ''
           OR instr(c.number, @q) > 0
           OR instr(c.title, @q) > 0
           OR EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND instr(p.name, @q) > 0)
        ORDER BY c.id DESC LIMIT @limit`,
    )
    .all({ q, limit: opts.limit }) as CaseRow[];
  return rows.map((r) => toCase(db, r));
}
