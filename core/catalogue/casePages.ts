import { getCase } from '../cases/caseRepository.js';
import type { Case } from '../contract/index.js';
import type { Db } from '../store/database.js';

export interface CasePage {
  id: number;
  position: number;
  blank: boolean;
  /** OCR text; empty until the page has been recognised. */
  text: string;
}

/** The case and its pages in position order with their OCR text. Throws CASE_NOT_FOUND. */
export function loadCasePages(db: Db, caseNumber: string): { found: Case; pages: CasePage[] } {
  const found = getCase(db, caseNumber);
  const rows = db
    .prepare(
      `SELECT p.id, p.position, p.blank, COALESCE(t.text, '') AS text
         FROM pages p LEFT JOIN page_text t ON t.page_id = p.id
        WHERE p.case_id = ? ORDER BY p.position, p.id`,
    )
    .all(found.id) as { id: number; position: number; blank: number; text: string }[];
  return { found, pages: rows.map((r) => ({ id: r.id, position: r.position, blank: r.blank === 1, text: r.text })) };
}
