import { createCase } from '../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../core/config/dataDir.js';
import { workstationLedger, type WorkstationLedger } from '../../core/dossier/integrity/workstationLedger.js';
import { BlobStore } from '../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../core/store/database.js';
import { renderTextPage, type RenderedPage } from './pageImages.js';

export interface FixturePage {
  master: Buffer;
  mediaType: string;
  page: RenderedPage;
}

export interface DossierFixture {
  dir: string;
  db: Db;
  blobs: BlobStore;
  ledger: WorkstationLedger;
  caseNumber: string;
}

/** Adds one catalogued document with its pages (and their OCR words) to a case. */
export function addDocument(db: Db, blobs: BlobStore, caseId: number, position: number, title: string, pages: FixturePage[]): void {
  const { lastInsertRowid: docId } = db.prepare('INSERT INTO documents (case_id, position, category, title) VALUES (?, ?, ?, ?)').run(caseId, position, title, title);
  for (const [i, p] of pages.entries()) {
    const { lastInsertRowid: pageId } = db
      .prepare("INSERT INTO pages (case_id, document_id, position, sha256, media_type, width, height, dpi, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'test')")
      .run(caseId, docId, position * 100 + i, blobs.put(p.master), p.mediaType, p.page.width, p.page.height, p.page.dpi);
    db.prepare("INSERT INTO page_text (page_id, text, words_json, lang, engine) VALUES (?, ?, ?, 'chi_sim', 'test')").run(
      pageId,
      p.page.words.map((w) => w.text).join('\n'),
      JSON.stringify(p.page.words),
    );
  }
}

/** A data directory holding a case with a one-page complaint (JPEG) and a two-page judgment (G4 TIFF, then JPEG), ready to export. */
export async function sampleDossier(dir: string): Promise<DossierFixture> {
  const complaint = await renderTextPage(['民事起诉状', '原告张三，男，汉族。', '被告李四借款伍万元整。']);
  const judgment = await renderTextPage(['江苏省苏州市吴中区人民法院', '民事判决书', '判决如下：被告于十日内归还借款。']);
  const db = openDatabase(storeFile(dir));
  const blobs = new BlobStore(blobDir(dir));
  const c = createCase(db, { number: '（2024）苏0506民初88号', title: '民间借贷纠纷', parties: [{ role: '原告', name: '张三' }] }, 'clerk');
  addDocument(db, blobs, c.id, 1, '起诉状', [{ master: complaint.jpeg, mediaType: 'image/jpeg', page: complaint }]);
  addDocument(db, blobs, c.id, 2, '判决书', [
    { master: judgment.g4, mediaType: 'image/tiff', page: judgment },
    { master: judgment.jpeg, mediaType: 'image/jpeg', page: judgment },
  ]);
  return { dir, db, blobs, ledger: await workstationLedger(dir), caseNumber: c.number };
}
