import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCase } from '../../core/cases/caseRepository.js';
import { openDatabase } from '../../core/store/database.js';
import { searchPageText } from '../../core/store/textSearch.js';

const N = 2000;

function perSecond(count: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Case creation (validated, audited, outboxed) beside a bare INSERT on the same kind of database; search on 20 000 OCR'd pages. */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-'));
  try {
    const db = openDatabase(join(dir, 'store.sqlite'));
    const ours = perSecond(N, () => {
      for (let i = 1; i <= N; i++) createCase(db, { number: `（2024）苏0508民初${i}号`, parties: [{ role: '原告', name: `当事人${i}` }] }, 'bench');
    });
    const raw = new Database(join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE cases (id INTEGER PRIMARY KEY, number TEXT UNIQUE)');
    const insert = raw.prepare('INSERT INTO cases (number) VALUES (?)');
    const baseline = perSecond(N, () => {
      for (let i = 1; i <= N; i++) insert.run(`（2024）苏0508民初${i}号`);
    });
    raw.close();

    const caseId = (db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: number }).id;
    const addPage = db.prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (?, ?, ?, 'image/jpeg', 'bench')");
    const addText = db.prepare("INSERT INTO page_text (page_id, text, lang, engine) VALUES (?, ?, 'chi_sim', 'bench')");
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const { lastInsertRowid } = addPage.run(caseId, i, createHash('sha256').update(String(i)).digest('hex'));
        addText.run(lastInsertRowid, `原告当事人${i}诉称，被告向其借款${i % 97}万元，本院依法适用简易程序公开开庭进行了审理。`);
      }
    })();
    const trigram = perSecond(200, () => {
      for (let i = 0; i < 200; i++) searchPageText(db, `当事人${i * 7}诉`, { limit: 20 });
    });
    const short = perSecond(20, () => {
      for (let i = 0; i < 20; i++) searchPageText(db, '借款', { limit: 20 });
    });
    db.close();
    return [
      { name: 'store.case_create_per_second', value: Math.round(ours), baseline: Math.round(baseline), ratio: +(ours / baseline).toFixed(3), unit: 'cases/s', how: 'createCase (validate, parties, audit, outbox) vs bare INSERT, WAL, 2000 rows' },
      { name: 'store.search_trigram_per_second', value: Math.round(trigram), unit: 'queries/s', how: '20 000 OCR pages, 4+ character query, FTS5 trigram' },
      { name: 'store.search_short_per_second', value: Math.round(short), unit: 'queries/s', how: '20 000 OCR pages, 2-character query, instr() fallback, first 20 hits' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
