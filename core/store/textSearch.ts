import type { Db } from './database.js';

export interface TextHit {
  pageId: number;
  caseId: number;
  position: number;
  snippet: string;
}

/** FTS5's trigram tokenizer cannot match fewer than three characters. */
const TRIGRAM_MIN = 3;

/**
 * Full-text search over OCR text. Queries of three or more characters use the trigram index;
 * one- and two-character queries (common in Chinese: a surname, 借款) scan with instr().
 */
export function searchPageText(db: Db, query: string, opts: { caseId?: number; limit?: number } = {}): TextHit[] {
  const q = query.trim();
  if (!q) return [];
  const limit = opts.limit ?? 50;
  const caseFilter = opts.caseId === undefined ? '' : 'AND p.case_id = @caseId';
  const params = { q, caseId: opts.caseId, limit };
  if ([...q].length >= TRIGRAM_MIN) {
    return db
      .prepare(
        `SELECT p.id AS pageId, p.case_id AS caseId, p.position AS position,
                snippet(page_text_fts, 0, '【', '】', '…', 16) AS snippet
           FROM page_text_fts JOIN pages p ON p.id = page_text_fts.rowid
          WHERE page_text_fts MATCH @match ${caseFilter}
          ORDER BY rank LIMIT @limit`,
      )
      .all({ ...params, match: `"${q.replaceAll('"', '""')}"` }) as TextHit[];
  }
  const rows = db
    .prepare(
      `SELECT p.id AS pageId, p.case_id AS caseId, p.position AS position, t.search_text AS text
         FROM page_text t JOIN pages p ON p.id = t.page_id
        WHERE instr(t.search_text, @q) > 0 ${caseFilter}
        ORDER BY p.case_id, p.position LIMIT @limit`,
    )
    .all(params) as (Omit<TextHit, 'snippet'> & { text: string })[];
  return rows.map(({ text, ...hit }) => ({ ...hit, snippet: snippetAround(text, q) }));
}

function snippetAround(text: string, q: string): string {
  const at = text.indexOf(q);
  const start = Math.max(0, at - 16);
  const end = Math.min(text.length, at + q.length + 16);
  return `${start > 0 ? '…' : ''}${text.slice(start, at)}【${q}】${text.slice(at + q.length, end)}${end < text.length ? '…' : ''}`;
}
