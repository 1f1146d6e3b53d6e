import { getCase } from '../cases/caseRepository.js';
import type { Case } from '../contract/index.js';
import type { Db } from '../store/database.js';

export interface OcrWord {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  conf?: number;
  line?: number;
  block?: number;
}

export interface DossierPage {
  id: number;
  sha256: string;
  mediaType: string;
  width: number;
  height: number;
  dpi: number;
  words: OcrWord[];
}

export interface DossierDocument {
  title: string;
  category: string | null;
  pages: DossierPage[];
}

export interface DossierModel {
  case: Case;
  documents: DossierDocument[];
}

interface PageRow {
  id: number;
  document_id: number | null;
  sha256: string;
  media_type: string;
  width: number | null;
  height: number | null;
  dpi: number | null;
  words_json: string | null;
}

/** Pages not yet catalogued still belong in the dossier; they are gathered at the end under this title. */
export const UNCATALOGUED = '未编目材料';
const DEFAULT_DPI = 300;

/** The case's documents in catalogue order, each with its pages in order and their OCR words. */
export function loadDossier(db: Db, caseNumber: string): DossierModel {
  const found = getCase(db, caseNumber);
  const docs = db
    .prepare('SELECT id, title, category FROM documents WHERE case_id = ? ORDER BY position, id')
    .all(found.id) as { id: number; title: string; category: string | null }[];
  const pages = db
    .prepare(
      `SELECT p.id, p.document_id, p.sha256, p.media_type, p.width, p.height, p.dpi, t.words_json
         FROM pages p LEFT JOIN page_text t ON t.page_id = p.id
        WHERE p.case_id = ? ORDER BY p.position, p.id`,
    )
    .all(found.id) as PageRow[];
  const byDoc = new Map<number | null, DossierPage[]>();
  for (const row of pages) {
    const list = byDoc.get(row.document_id) ?? [];
    list.push({
      id: row.id,
      sha256: row.sha256,
      mediaType: row.media_type,
      width: row.width ?? 0,
      height: row.height ?? 0,
      dpi: row.dpi ?? DEFAULT_DPI,
      words: row.words_json ? (JSON.parse(row.words_json) as OcrWord[]) : [],
    });
    byDoc.set(row.document_id, list);
  }
  const documents: DossierDocument[] = docs
    .map((d) => ({ title: d.title || d.category || '材料', category: d.category, pages: byDoc.get(d.id) ?? [] }))
    .filter((d) => d.pages.length > 0);
  const loose = byDoc.get(null);
  if (loose?.length) documents.push({ title: UNCATALOGUED, category: null, pages: loose });
  return { case: found, documents };
}
