import type { Db } from '../store/database.js';

/**
 * Moves a page still waiting for OCR ahead of every other: the page a person has on screen.
 * A plain store update, so any window can ask while the queue runs in the host (or another
 * process); the queue takes jobs by priority. False when the page is not waiting.
 */
export function putPageFirst(db: Db, pageId: number): boolean {
  const { changes } = db
    .prepare(
      `UPDATE ocr_jobs SET priority = (SELECT COALESCE(MAX(priority), 0) + 1 FROM ocr_jobs), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
        WHERE page_id = ? AND status = 'queued'`,
    )
    .run(pageId);
  return changes > 0;
}
