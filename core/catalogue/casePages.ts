import { getCase } from '../cases/caseRepository.js';
import type { Case } from '../contract/index.js';
import type { Db } from '../store/database.js';
import { pageLayout, type LayoutWord, type PageLayout } from './pageLayout.js';

export interface CasePage {
  id: number;
  position: number;
  blank: boolean;
  /** OCR text; empty until the page has been recognised. */
  text: string;
  /** How the page is set, from its OCR word boxes; null without enough words. */
  layout: PageLayout | null;
  /**
   * The page right after a separator sheet: capture opened a document here (with the sheet's
   * category, if it named one). Documents a catalogue save made are not marks of this kind.
   */
  sheetStart?: { category: string | null; title: string };
}

/** The case and its pages in position order with their OCR text. Throws CASE_NOT_FOUND. */
export function loadCasePages(db: Db, caseNumber: string): { found: Case; pages: CasePage[] } {
  const found = getCase(db, caseNumber);
  const rows = db
    .prepare(
      `SELECT p.id, p.position, p.blank, p.width, p.height, COALESCE(t.text, '') AS text, t.words_json, d.category, d.title,
              d.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM catalogue_entries e WHERE e.document_id = d.id)
                AND p.position = (SELECT MIN(q.position) FROM pages q WHERE q.document_id = d.id) AS sheet_start
         FROM pages p
         LEFT JOIN page_text t ON t.page_id = p.id
         LEFT JOIN documents d ON d.id = p.document_id
        WHERE p.case_id = ? ORDER BY p.position, p.id`,
    )
    .all(found.id) as {
    id: number;
    position: number;
    blank: number;
    width: number | null;
    height: number | null;
    text: string;
    words_json: string | null;
    category: string | null;
    title: string | null;
    sheet_start: number;
  }[];
  return {
    found,
    pages: rows.map((r) => ({
      id: r.id,
      position: r.position,
      blank: r.blank === 1,
      text: r.text,
      layout: r.words_json && r.width && r.height ? pageLayout(JSON.parse(r.words_json) as LayoutWord[], { width: r.width, height: r.height }) : null,
      ...(r.sheet_start === 1 ? { sheetStart: { category: r.category, title: r.title ?? '' } } : {}),
    })),
  };
}
