import type { CatalogueDocument } from '../contract/index.js';
import type { Db } from '../store/database.js';
import type { CasePage } from './casePages.js';
import type { CataloguedDocument } from './catalogueCase.js';
import { extractFields, type DocumentFields } from './fields/index.js';

interface Row {
  id: number;
  document_id: number | null;
  category: string | null;
  title: string | null;
  decided_by: string | null;
  decided_at: string | null;
  confidence: number | null;
  fields_json: string | null;
}

export interface Confirmation {
  by: string;
  at: string;
}

/** The case's pages with the document and confirmation each one has, in page order. */
function pageDecisions(db: Db, caseId: number): Row[] {
  return db
    .prepare(
      `SELECT p.id, p.document_id, d.category, d.title, cp.decided_by, cp.decided_at, e.confidence, e.fields_json
         FROM pages p
         LEFT JOIN documents d ON d.id = p.document_id
         LEFT JOIN catalogue_proposals cp ON cp.page_id = p.id
         LEFT JOIN catalogue_entries e ON e.id = (SELECT MAX(id) FROM catalogue_entries WHERE document_id = d.id)
        WHERE p.case_id = ? ORDER BY p.position, p.id`,
    )
    .all(caseId) as Row[];
}

const confirmedPage = (r: Row) => r.decided_by !== null && r.document_id !== null;

/** Who last confirmed the case's catalogue in the verification desk, or null if no one has (or a machine save replaced it). */
export function confirmationOf(db: Db, caseId: number): Confirmation | null {
  const rows = pageDecisions(db, caseId).filter(confirmedPage);
  if (rows.length === 0) return null;
  const last = rows.reduce((a, b) => (b.decided_at! > a.decided_at! ? b : a));
  return { by: last.decided_by!, at: last.decided_at! };
}

const textOf = (pages: readonly CasePage[]) => pages.map((p) => p.text).join('\n');

/**
 * The confirmed catalogue as the person left it, with pages added since (a later scan) grouped
 * as the machine proposes them. Pages are taken in order and a document is a run of pages with
 * the same confirmed document, or with the same machine document: confirmed decisions are never
 * re-proposed, whatever happened to the pages' OCR text since.
 */
export function confirmedCatalogue(db: Db, caseId: number, pages: readonly CasePage[], propose: () => CataloguedDocument[]): CatalogueDocument[] {
  const rows = pageDecisions(db, caseId);
  const hasNew = rows.some((r) => !confirmedPage(r));
  const machine = hasNew ? propose() : [];
  const machineIndex = (position: number) => machine.findIndex((d) => position >= d.pages[0] && position <= d.pages[1]);
  const byId = new Map(pages.map((p) => [p.id, p]));
  const groups: { key: string; row: Row; pages: CasePage[] }[] = [];
  rows.forEach((row) => {
    const page = byId.get(row.id);
    if (!page) return;
    const key = confirmedPage(row) ? `d${row.document_id}` : `m${machineIndex(page.position)}`;
    const last = groups.at(-1);
    if (last?.key === key) last.pages.push(page);
    else groups.push({ key, row, pages: [page] });
  });
  return groups.map(({ key, row, pages: own }): CatalogueDocument => {
    const span: [number, number] = [own[0].position, own.at(-1)!.position];
    if (key.startsWith('d')) {
      const stored = row.fields_json === null ? null : (JSON.parse(row.fields_json) as DocumentFields);
      return { category: row.category, title: row.title ?? '', pages: span, confidence: row.confidence, fields: stored ?? extractFields(textOf(own)), confirmed: true };
    }
    const proposed = machine[Number(key.slice(1))];
    const whole = proposed && proposed.pages[0] === span[0] && proposed.pages[1] === span[1];
    return {
      category: proposed?.category ?? null,
      title: proposed?.title ?? '',
      pages: span,
      confidence: proposed?.confidence ?? 0,
      fields: whole ? proposed.fields : extractFields(textOf(own)),
      confirmed: false,
    };
  });
}
