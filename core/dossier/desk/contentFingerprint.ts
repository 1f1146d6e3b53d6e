import { createHash } from 'node:crypto';
import type { Case } from '../../contract/index.js';
import type { Db } from '../../store/database.js';

/**
 * A hash of everything an export puts in the PDF: the case's particulars, the catalogue (titles,
 * categories, order) and each page's master and OCR words. Equal fingerprints mean a new export
 * would only differ in its date and checkpoint, so the last file can be offered instead.
 */
export function contentFingerprint(db: Db, found: Case): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ number: found.number, title: found.title, courtCode: found.courtCode, parties: found.parties }));
  const rows = db
    .prepare(
      `SELECT d.position AS doc, d.title, d.category, p.sha256, p.width, p.height, p.dpi, t.words_json
         FROM pages p
         LEFT JOIN documents d ON d.id = p.document_id
         LEFT JOIN page_text t ON t.page_id = p.id
        WHERE p.case_id = ?
        ORDER BY d.position IS NULL, d.position, d.id, p.position, p.id`,
    )
    .raw()
    .iterate(found.id) as Iterable<unknown[]>;
  for (const row of rows) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}
