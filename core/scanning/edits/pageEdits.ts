import { getCase } from '../../cases/caseRepository.js';
import { CourtError, type PageEditResult } from '../../contract/index.js';
import { pageLeaf, type JsonValue } from '../../ledger/leaf.js';
import { appendEntry, findLeaves } from '../../ledger/log.js';
import { requeueRecognition } from '../../ocr/requeue.js';
import { appendAudit } from '../../store/audit.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import type { PageFacts, StoredBlobs } from '../batches/pageRows.js';
import { scanPage } from '../scanPages.js';
import { compactPositions, closeGap, documentAt, makeRoom, pageCount, pageOrder, shiftPositions } from './pagePositions.js';
import { turnMaster, turnThumbnail, type Turn } from './rotateMaster.js';
import { turnWords } from './turnWords.js';

export interface EditDeps {
  db: Db;
  blobs: BlobStore;
}

interface PageRow {
  id: number;
  case_id: number;
  document_id: number | null;
  position: number;
  sha256: string;
  media_type: string;
  width: number | null;
  height: number | null;
  dpi: number | null;
  source: string;
  blank: number;
  skew: number | null;
  created_at: string;
  batch_id: number | null;
  batch_seq: number | null;
  thumb_sha256: string | null;
  rotated: number;
}

interface TextRow {
  text: string;
  words_json: string | null;
  lang: string;
  engine: string;
}

const subject = (caseNumber: string) => `case:${caseNumber}`;

function pageOfCase(db: Db, caseId: number, pageId: number): PageRow {
  const row = db.prepare('SELECT * FROM pages WHERE id = ?').get(pageId) as PageRow | undefined;
  if (!row || row.case_id !== caseId) throw new CourtError('PAGE_NOT_FOUND', { details: { pageId } });
  return row;
}

/** What the audit log keeps of a page, before or after an edit. */
const pageFacts = (r: PageRow) => ({ pageId: r.id, position: r.position, documentId: r.document_id, sha256: r.sha256, width: r.width, height: r.height, rotated: r.rotated });

/**
 * A page master entered the case by an edit: logged like a captured one, and the edit itself is a
 * leaf too (case, what was done, the masters before and after), so the derivation stays provable.
 */
function logEdit(db: Db, caseNumber: string, edit: { [key: string]: JsonValue }, newMaster?: string): void {
  if (newMaster && findLeaves(db, 'page', newMaster).length === 0) appendEntry(db, pageLeaf(newMaster));
  appendEntry(db, { kind: 'page-edit', subject: caseNumber, content: edit });
}

function result(db: Db, blobs: BlobStore, caseId: number, pageId: number | null, removalId: number | null = null): PageEditResult {
  return { order: pageOrder(db, caseId), page: pageId === null ? null : scanPage(db, blobs, pageId), removalId };
}

function readMaster(blobs: BlobStore, row: PageRow): Buffer {
  if (!blobs.has(row.sha256)) throw new CourtError('DOSSIER_PAGE_MISSING', { message: '页面文件缺失，无法旋转', details: { pageId: row.id, sha256: row.sha256 } });
  return blobs.read(row.sha256);
}

/**
 * Turns a page clockwise: a new master derived without loss (rotateMaster.ts) replaces it at the
 * same place; the old master stays in the blob store. OCR words are turned with the page so its
 * text layer still fits, and the page is queued to be recognised again (it was likely read sideways).
 */
export async function rotatePage(deps: EditDeps, input: { caseNumber: string; pageId: number; turn: Turn; actor: string }): Promise<PageEditResult> {
  const { db, blobs } = deps;
  const c = getCase(db, input.caseNumber);
  const before = pageOfCase(db, c.id, input.pageId);
  const turned = await turnMaster(readMaster(blobs, before), before.media_type, input.turn);
  const thumbnail = before.thumb_sha256 && blobs.has(before.thumb_sha256) ? await turnThumbnail(blobs.read(before.thumb_sha256), input.turn) : null;
  const sha256 = blobs.put(turned.master);
  const thumbSha256 = thumbnail ? blobs.put(thumbnail) : null;
  db.transaction(() => {
    const { changes } = db
      .prepare('UPDATE pages SET sha256 = ?, width = ?, height = ?, thumb_sha256 = ?, rotated = (rotated + ?) % 360 WHERE id = ? AND sha256 = ?')
      .run(sha256, turned.width, turned.height, thumbSha256, input.turn, before.id, before.sha256);
    if (changes === 0) throw new CourtError('PAGE_CHANGED', { details: { pageId: before.id } });
    const text = db.prepare('SELECT words_json FROM page_text WHERE page_id = ?').get(before.id) as { words_json: string | null } | undefined;
    if (text?.words_json) {
      db.prepare('UPDATE page_text SET words_json = ? WHERE page_id = ?').run(turnWords(text.words_json, input.turn, turned), before.id);
    }
    requeueRecognition(db, before.id);
    logEdit(db, c.number, { op: 'rotate', degrees: input.turn, from: before.sha256, to: sha256 }, sha256);
    appendAudit(db, { actor: input.actor, action: 'page.rotate', subject: subject(c.number), before: pageFacts(before), after: pageFacts(pageOfCase(db, c.id, before.id)) });
  }).immediate();
  return result(db, blobs, c.id, before.id);
}

/**
 * Moves a page to number `to`; the pages between close up behind it. A saved catalogue follows
 * the page order: the page joins the document it lands in (documentAt), so moving a page into
 * another document's run moves it into that document.
 */
export function movePage(deps: EditDeps, input: { caseNumber: string; pageId: number; to: number; actor: string }): PageEditResult {
  const { db, blobs } = deps;
  const c = getCase(db, input.caseNumber);
  db.transaction(() => {
    compactPositions(db, c.id);
    const before = pageOfCase(db, c.id, input.pageId);
    const count = pageCount(db, c.id);
    if (input.to > count) throw new CourtError('PAGE_POSITION_INVALID', { details: { to: input.to, pages: count } });
    const from = before.position;
    if (from === input.to) return;
    db.prepare('UPDATE pages SET position = 0 WHERE id = ?').run(before.id);
    if (from < input.to) shiftPositions(db, c.id, from + 1, input.to, -1);
    else shiftPositions(db, c.id, input.to, from - 1, 1);
    const document = documentAt(db, c.id, input.to, before.document_id);
    db.prepare('UPDATE pages SET position = ?, document_id = ? WHERE id = ?').run(input.to, document, before.id);
    appendAudit(db, { actor: input.actor, action: 'page.move', subject: subject(c.number), before: pageFacts(before), after: pageFacts(pageOfCase(db, c.id, before.id)) });
  }).immediate();
  return result(db, blobs, c.id, null);
}

/**
 * Takes a page out of the case: it is gone from the page list, the catalogue and any later
 * export. The row and its OCR text are kept in removed_pages for 撤销 (restorePage), the master
 * in the blob store and its ledger leaf in the log; the removal is audited and logged.
 */
export function removePage(deps: EditDeps, input: { caseNumber: string; pageId: number; actor: string }): PageEditResult {
  const { db, blobs } = deps;
  const c = getCase(db, input.caseNumber);
  const removalId = db.transaction(() => {
    compactPositions(db, c.id);
    const before = pageOfCase(db, c.id, input.pageId);
    const text = db.prepare('SELECT text, words_json, lang, engine FROM page_text WHERE page_id = ?').get(before.id) as TextRow | undefined;
    const id = Number(
      db
        .prepare('INSERT INTO removed_pages (case_id, page_id, position, sha256, page_json, text_json, removed_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(c.id, before.id, before.position, before.sha256, JSON.stringify(before), text ? JSON.stringify(text) : null, input.actor).lastInsertRowid,
    );
    db.prepare('DELETE FROM pages WHERE id = ?').run(before.id);
    closeGap(db, c.id, before.position);
    logEdit(db, c.number, { op: 'remove', sha256: before.sha256, position: before.position });
    appendAudit(db, { actor: input.actor, action: 'page.remove', subject: subject(c.number), before: pageFacts(before), after: { removalId: id } });
    return id;
  }).immediate();
  return result(db, blobs, c.id, null, removalId);
}

/**
 * 撤销删除: puts a removed page back at the number it had (or at the end, if the case has fewer
 * pages now), in its document if that is still beside it, with its OCR text. It comes back as a
 * new page row; the removal record says which.
 */
export function restorePage(deps: EditDeps, input: { caseNumber: string; removalId: number; actor: string }): PageEditResult {
  const { db, blobs } = deps;
  const c = getCase(db, input.caseNumber);
  const pageId = db.transaction(() => {
    const removal = db
      .prepare('SELECT page_json, text_json FROM removed_pages WHERE id = ? AND case_id = ? AND restored_at IS NULL')
      .get(input.removalId, c.id) as { page_json: string; text_json: string | null } | undefined;
    if (!removal) throw new CourtError('PAGE_REMOVAL_NOT_FOUND', { details: { removalId: input.removalId } });
    const old = JSON.parse(removal.page_json) as PageRow;
    compactPositions(db, c.id);
    const at = Math.min(old.position, pageCount(db, c.id) + 1);
    makeRoom(db, c.id, at);
    const ownDocument = old.document_id !== null && db.prepare('SELECT 1 FROM documents WHERE id = ? AND case_id = ?').get(old.document_id, c.id) ? old.document_id : null;
    // A continued batch may have used the page's sequence number meanwhile.
    const seqTaken = old.batch_id !== null && db.prepare('SELECT 1 FROM pages WHERE batch_id = ? AND batch_seq = ?').get(old.batch_id, old.batch_seq);
    const batchSeq = seqTaken ? db.prepare<[number], number>('SELECT max(batch_seq) + 1 FROM pages WHERE batch_id = ?').pluck().get(old.batch_id!) : old.batch_seq;
    const batchId = old.batch_id !== null && db.prepare('SELECT 1 FROM capture_batches WHERE id = ?').get(old.batch_id) ? old.batch_id : null;
    const id = Number(
      db
        .prepare(
          `INSERT INTO pages (case_id, document_id, position, sha256, media_type, width, height, dpi, source, blank, skew, created_at, batch_id, batch_seq, thumb_sha256, rotated)
           VALUES (@case_id, NULL, @position, @sha256, @media_type, @width, @height, @dpi, @source, @blank, @skew, @created_at, @batch_id, @batch_seq, @thumb_sha256, @rotated)`,
        )
        .run({ ...old, position: at, batch_id: batchId, batch_seq: batchId === null ? null : batchSeq }).lastInsertRowid,
    );
    db.prepare('UPDATE pages SET document_id = ? WHERE id = ?').run(documentAt(db, c.id, at, ownDocument), id);
    if (removal.text_json) {
      const t = JSON.parse(removal.text_json) as TextRow;
      db.prepare('INSERT INTO page_text (page_id, text, words_json, lang, engine) VALUES (?, ?, ?, ?, ?)').run(id, t.text, t.words_json, t.lang, t.engine);
    }
    db.prepare("UPDATE removed_pages SET restored_page_id = ?, restored_by = ?, restored_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(id, input.actor, input.removalId);
    logEdit(db, c.number, { op: 'restore', sha256: old.sha256, position: at });
    appendAudit(db, { actor: input.actor, action: 'page.restore', subject: subject(c.number), before: { removalId: input.removalId }, after: pageFacts(pageOfCase(db, c.id, id)) });
    return id;
  }).immediate();
  return result(db, blobs, c.id, pageId);
}

/**
 * 重扫此页: a freshly scanned master takes the page's place (same number, document and batch);
 * the old master stays in the blob store. The old OCR text no longer fits and goes; the page is
 * queued for recognition.
 */
export function replaceMaster(
  deps: EditDeps,
  input: { caseNumber: string; pageId: number; page: PageFacts; blobs: StoredBlobs; actor: string; device: string },
): PageEditResult {
  const { db, blobs } = deps;
  const c = getCase(db, input.caseNumber);
  db.transaction(() => {
    const before = pageOfCase(db, c.id, input.pageId);
    const p = input.page;
    db.prepare(
      'UPDATE pages SET sha256 = ?, media_type = ?, width = ?, height = ?, dpi = ?, blank = ?, skew = ?, rotated = ?, thumb_sha256 = ? WHERE id = ?',
    ).run(input.blobs.sha256, p.mediaType, p.width, p.height, p.dpi, p.blank ? 1 : 0, p.skewDegrees, p.rotated, input.blobs.thumbSha256, before.id);
    db.prepare('DELETE FROM page_text WHERE page_id = ?').run(before.id);
    requeueRecognition(db, before.id);
    logEdit(db, c.number, { op: 'rescan', from: before.sha256, to: input.blobs.sha256, position: before.position }, input.blobs.sha256);
    appendAudit(db, {
      actor: input.actor,
      action: 'page.rescan',
      subject: subject(c.number),
      before: pageFacts(before),
      after: { ...pageFacts(pageOfCase(db, c.id, before.id)), device: input.device },
    });
  }).immediate();
  return result(db, blobs, c.id, input.pageId);
}
