import { createCase } from '../../core/cases/caseRepository.js';
import type { BlobStore } from '../../core/store/blobStore.js';
import type { Db } from '../../core/store/database.js';
import { pageText, type Dossier } from '../fixtures/catalogue/dossier.js';
import { renderTextPage } from './pageImages.js';

/**
 * Files a labelled dossier into a new case as scanning and OCR leave it: one uncatalogued page
 * row per dossier page with its rendered image in the blob store and its text and words.
 * `scale` shrinks the pages (and the time rendering takes) where only a few need to be legible.
 */
export async function fileScannedDossier(db: Db, blobs: BlobStore, d: Dossier, opts: { scale?: number } = {}): Promise<{ caseId: number; pageIds: number[] }> {
  const scale = opts.scale ?? 1;
  const c = createCase(db, { number: d.caseNumber, title: d.title }, 'scanner');
  const addPage = db.prepare(
    "INSERT INTO pages (case_id, position, sha256, media_type, width, height, dpi, source, blank) VALUES (?, ?, ?, 'image/jpeg', ?, ?, ?, 'scan', ?)",
  );
  const addText = db.prepare("INSERT INTO page_text (page_id, text, words_json, lang, engine) VALUES (?, ?, ?, 'chi_sim', 'fixture')");
  const pageIds: number[] = [];
  for (const [i, p] of d.pages.entries()) {
    const page = await renderTextPage(p.lines, { width: Math.round(1240 * scale), height: Math.round(1754 * scale), fontPx: Math.round(40 * scale) });
    const pageId = Number(addPage.run(c.id, i + 1, blobs.put(page.jpeg), page.width, page.height, page.dpi, p.blank ? 1 : 0).lastInsertRowid);
    if (!p.blank) addText.run(pageId, pageText(p), JSON.stringify(page.words));
    pageIds.push(pageId);
  }
  return { caseId: c.id, pageIds };
}
