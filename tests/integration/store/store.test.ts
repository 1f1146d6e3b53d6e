import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { appendAudit, readAudit } from '../../../core/store/audit.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, schemaVersion } from '../../../core/store/database.js';
import { migrations } from '../../../core/store/migrations/index.js';
import { pendingOutbox } from '../../../core/store/outbox.js';
import { searchPageText } from '../../../core/store/textSearch.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

function addPageWithText(db: Database.Database, caseId: number, position: number, text: string): number {
  const sha = createHash('sha256').update(text).digest('hex');
  const { lastInsertRowid } = db
    .prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (?, ?, ?, 'image/png', 'test')")
    .run(caseId, position, sha);
  db.prepare("INSERT INTO page_text (page_id, text, lang, engine) VALUES (?, ?, 'chi_sim', 'test')").run(lastInsertRowid, text);
  return Number(lastInsertRowid);
}

describe('local store', () => {
  it('opens in WAL mode with foreign keys on and every migration applied; reopening is a no-op', () => {
    const file = join(tempDir(), 'store.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(migrations.at(-1)!.version);
    again.close();
  });

  it('refuses rows that point at nothing', () => {
    const db = openDatabase(join(tempDir(), 's.sqlite'));
    expect(() =>
      db.prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (999, 1, ?, 'image/png', 't')").run('a'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(join(tempDir(), 's.sqlite'));
    appendAudit(db, { actor: 'alice', action: 'case.create', subject: 'case:x', before: null, after: { title: '借款' } });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(readAudit(db, 'case:x')).toMatchObject([{ actor: 'alice', action: 'case.create', after: { title: '借款' } }]);
    db.close();
  });

  it('writes a case, its audit entry and its outbox message together', () => {
    const db = openDatabase(join(tempDir(), 's.sqlite'));
    const created = createCase(db, { number: '(2024)苏0508民初1号', title: '借款合同纠纷', parties: [{ role: '原告', name: '张三' }] }, 'alice');
    expect(readAudit(db, `case:${created.number}`)).toHaveLength(1);
    expect(pendingOutbox(db)).toEqual([{ id: 1, topic: 'case.created', payload: { number: '（2024）苏0508民初1号' } }]);
    expect(() => createCase(db, { number: '（2024）苏0508民初1号' }, 'bob')).toThrow(expect.objectContaining({ code: 'CASE_EXISTS' }));
    expect(readAudit(db)).toHaveLength(1);
    expect(pendingOutbox(db)).toHaveLength(1);
    db.close();
  });

  it('finds OCR text by trigram index and one- or two-character queries by the fallback', () => {
    const db = openDatabase(join(tempDir(), 's.sqlite'));
    const c = createCase(db, { number: '（2024）苏0508民初2号' }, 'alice');
    const p1 = addPageWithText(db, c.id, 1, '原告张三诉称，被告李四向其借款伍万元整，至今未还。');
    const p2 = addPageWithText(db, c.id, 2, '本院认为，当事人对自己提出的主张，有责任提供证据。');
    expect(searchPageText(db, '伍万元').map((h) => h.pageId)).toEqual([p1]);
    expect(searchPageText(db, '借款').map((h) => h.pageId)).toEqual([p1]);
    expect(searchPageText(db, '证').map((h) => h.pageId)).toEqual([p2]);
    expect(searchPageText(db, '借款')[0].snippet).toContain('【借款】');
    expect(searchPageText(db, '王五')).toEqual([]);
    const wrapped = addPageWithText(db, c.id, 3, '经审查，本院决定予以立\n案，并依法组成合议庭。');
    expect(searchPageText(db, '予以立案').map((h) => h.pageId)).toEqual([wrapped]);
    expect(searchPageText(db, '立案').map((h) => h.pageId)).toEqual([wrapped]);
    db.prepare("UPDATE page_text SET text = '已更正的文字' WHERE page_id = ?").run(p1);
    expect(searchPageText(db, '伍万元')).toEqual([]);
    expect(searchPageText(db, '已更正').map((h) => h.pageId)).toEqual([p1]);
    db.close();
  });
});

describe('content-addressed page files', () => {
  it('stores bytes under their sha256, once, leaving no temp files', () => {
    const root = tempDir();
    const blobs = new BlobStore(root);
    const bytes = Buffer.from('一页扫描件');
    const sha = blobs.put(bytes);
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(blobs.put(bytes)).toBe(sha);
    expect(readFileSync(blobs.pathOf(sha))).toEqual(bytes);
    const dir = join(root, sha.slice(0, 2), sha.slice(2, 4));
    expect(readdirSync(dir)).toEqual([sha]);
  });

  it('refuses names that are not hashes, so a path cannot escape the store', () => {
    expect(() => new BlobStore(tempDir()).pathOf('../../etc/passwd')).toThrow(/sha256/);
  });
});
