import { getCase } from '../../cases/caseRepository.js';
import type { Party } from '../../contract/index.js';
import { loadDossier, UNCATALOGUED } from '../../dossier/model.js';
import type { Db } from '../../store/database.js';

export interface ReceivedBatch {
  startedAt: string;
  kind: 'scan' | 'import';
  /** The scanner, or the imported file's name. */
  source: string;
  operator: string;
  pages: number;
}

export interface ReceivedDocument {
  title: string;
  /** Page numbers as the e-dossier will number them. */
  from: number;
  to: number;
}

/** What a 收件回执 lists; two receipts with equal content say the same thing. */
export interface ReceiptContent {
  case: { number: string; title: string; courtCode: string; parties: Party[] };
  batches: ReceivedBatch[];
  /** Empty until the case has been catalogued. */
  documents: ReceivedDocument[];
  pages: number;
}

interface BatchRow {
  kind: 'scan' | 'import';
  device: string;
  settings_json: string;
  started_at: string;
  created_by: string;
  display_name: string | null;
  pages: number;
}

function importedFile(settingsJson: string): string | null {
  try {
    const file = (JSON.parse(settingsJson) as { file?: unknown } | null)?.file;
    return typeof file === 'string' ? file : null;
  } catch {
    return null;
  }
}

/**
 * What the case has received: every capture batch that still holds pages (a rescanned page stays
 * in its batch, a removed one no longer counts), who took it in, and — once catalogued — the
 * documents with their pages as the e-dossier numbers them.
 */
export function receiptContent(db: Db, caseNumber: string): ReceiptContent {
  const c = getCase(db, caseNumber);
  const rows = db
    .prepare(
      `SELECT b.kind, b.device, b.settings_json, b.started_at, b.created_by, u.display_name,
              (SELECT count(*) FROM pages p WHERE p.batch_id = b.id) AS pages
         FROM capture_batches b LEFT JOIN users u ON u.username = b.created_by
        WHERE b.case_id = ? ORDER BY b.id`,
    )
    .all(c.id) as BatchRow[];
  const batches = rows
    .filter((r) => r.pages > 0)
    .map((r): ReceivedBatch => ({
      startedAt: r.started_at,
      kind: r.kind,
      source: r.kind === 'import' ? (importedFile(r.settings_json) ?? r.device) : r.device,
      operator: r.display_name ?? r.created_by,
      pages: r.pages,
    }));
  const dossier = loadDossier(db, c.number);
  const catalogued = dossier.documents.some((d) => d.title !== UNCATALOGUED || d.category !== null);
  let next = 1;
  const documents = dossier.documents.map((d) => {
    const from = next;
    next += d.pages.length;
    return { title: d.title, from, to: next - 1 };
  });
  return {
    case: { number: c.number, title: c.title, courtCode: c.courtCode, parties: c.parties },
    batches,
    documents: catalogued ? documents : [],
    pages: next - 1,
  };
}
