import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the workstation store and brings its schema up to date.
 * `nativeBinding` points at a better-sqlite3 addon built for another runtime (Electron in development).
 */
export function openDatabase(file: string, opts: { nativeBinding?: string } = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { nativeBinding: opts.nativeBinding });
  db.pragma('journal_mode = WAL');
  // FULL: a page shown to the operator must survive a power cut, not only a crash of this process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
