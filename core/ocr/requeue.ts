import type { Db } from '../store/database.js';
import { DEFAULT_OCR_LANGS, validateLangs, type OcrLang } from './port.js';

/**
 * Asks for a page to be recognised afresh because its master changed (rotated, rescanned). Call
 * inside the transaction that changes the master, so the request survives a crash. The old job
 * goes, so a recognition of the old image still under way finds its job gone and keeps nothing;
 * an OcrQueue on the same connection is then woken with enqueue().
 */
export function requeueRecognition(db: Db, pageId: number, langs: readonly OcrLang[] = DEFAULT_OCR_LANGS): void {
  db.prepare('DELETE FROM ocr_jobs WHERE page_id = ?').run(pageId);
  db.prepare('INSERT INTO ocr_jobs (page_id, langs) VALUES (?, ?)').run(pageId, validateLangs(langs).join('+'));
}
