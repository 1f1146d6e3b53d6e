import type { Db } from '../store/database.js';

/** Keys of the sync_state table (migration 0006). */
export type SyncStateKey =
  | 'workstation_id'
  | 'server_url'
  | 'token'
  | 'token_expires_at'
  | 'renewal_token'
  | 'renewal_expires_at'
  | 'username'
  | 'assignments_cursor'
  | 'paused';

export function getSyncState(db: Db, key: SyncStateKey): string | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSyncState(db: Db, key: SyncStateKey, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function clearSyncState(db: Db, key: SyncStateKey): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
}

/** Minted by migration 0006 with the store. */
export function workstationId(db: Db): string {
  return getSyncState(db, 'workstation_id')!;
}
