import type { Db } from '../store/database.js';

export interface OutboxRow {
  id: number;
  topic: string;
  payload: unknown;
}

const now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

export function countPendingOutbox(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
}

/**
 * Sends pending outbox rows in id order; a row is acknowledged only after `send` resolves, which
 * it does once the server has confirmed it. The first failure stops the drain, so nothing is
 * delivered out of order; the row stays pending for the next sync. Rows `include` rejects are
 * left pending and skipped (e.g. `courtdesk sync --case` sends only that case's rows).
 */
export async function drainOutbox(
  db: Db,
  send: (row: OutboxRow) => Promise<void>,
  opts: { include?: (row: OutboxRow) => boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ acked: number; skipped: number }> {
  const page = db.prepare('SELECT id, topic, payload_json FROM outbox WHERE acked_at IS NULL AND id > ? ORDER BY id LIMIT 100');
  const ack = db.prepare(`UPDATE outbox SET acked_at = ${now} WHERE id = ? AND acked_at IS NULL`);
  const total = countPendingOutbox(db);
  let acked = 0;
  let skipped = 0;
  let after = 0;
  for (;;) {
    const rows = page.all(after) as { id: number; topic: string; payload_json: string }[];
    if (rows.length === 0) return { acked, skipped };
    for (const r of rows) {
      after = r.id;
      const row = { id: r.id, topic: r.topic, payload: JSON.parse(r.payload_json) as unknown };
      if (opts.include && !opts.include(row)) {
        skipped += 1;
        continue;
      }
      await send(row);
      ack.run(r.id);
      acked += 1;
      opts.onProgress?.(acked, total);
    }
  }
}
