import type { Db } from '../../store/database.js';

export interface PagePlace {
  pageId: number;
  position: number;
}

/** The case's pages in order. */
export function pageOrder(db: Db, caseId: number): PagePlace[] {
  return db.prepare('SELECT id AS pageId, position FROM pages WHERE case_id = ? ORDER BY position').all(caseId) as PagePlace[];
}

export function pageCount(db: Db, caseId: number): number {
  return db.prepare<[number], number>('SELECT count(*) FROM pages WHERE case_id = ?').pluck().get(caseId) ?? 0;
}

/**
 * Renumbers the case 1…n in its current order. Stores that capture wrote are already so; this
 * makes an edit safe on anything else (a fixture numbering 100, 101, 200). The unique index on
 * (case_id, position) checks every row as it is written, so numbers pass through negatives,
 * which no page holds, instead of stepping on each other.
 */
export function compactPositions(db: Db, caseId: number): void {
  const { changes } = db
    .prepare(
      `UPDATE pages SET position = -r.n
         FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n FROM pages WHERE case_id = ?) AS r
        WHERE r.id = pages.id AND pages.position <> r.n`,
    )
    .run(caseId);
  if (changes > 0) db.prepare('UPDATE pages SET position = -position WHERE case_id = ? AND position < 0').run(caseId);
}

/** Moves the pages numbered from…to (inclusive) one place up or down. */
export function shiftPositions(db: Db, caseId: number, from: number, to: number, delta: 1 | -1): void {
  if (from > to) return;
  db.prepare('UPDATE pages SET position = -(position + ?) WHERE case_id = ? AND position BETWEEN ? AND ?').run(delta, caseId, from, to);
  db.prepare('UPDATE pages SET position = -position WHERE case_id = ? AND position < 0').run(caseId);
}

/** Frees number `at` for a page about to be inserted there; the pages from `at` on move up one. */
export function makeRoom(db: Db, caseId: number, at: number): void {
  shiftPositions(db, caseId, at, Number.MAX_SAFE_INTEGER - 1, 1);
}

/** Closes the gap a removed page left at `at`. */
export function closeGap(db: Db, caseId: number, at: number): void {
  shiftPositions(db, caseId, at + 1, Number.MAX_SAFE_INTEGER, -1);
}

/**
 * The document a page at `position` belongs to, given its neighbours there: a page stays in its
 * own document (`own`, null for uncatalogued) while a neighbour is in it; otherwise — and for a
 * new page, which has none — it joins the document of the page before it, extending that
 * document, or at the front of the case the one after it. Documents stay unbroken runs of pages.
 */
export function documentAt(db: Db, caseId: number, position: number, own?: number | null): number | null {
  const at = db.prepare<[number, number], { document_id: number | null }>('SELECT document_id FROM pages WHERE case_id = ? AND position = ?');
  const before = at.get(caseId, position - 1);
  const after = at.get(caseId, position + 1);
  if (own !== undefined && (before?.document_id === own || after?.document_id === own)) return own;
  return before ? before.document_id : after ? after.document_id : (own ?? null);
}
