import type { Db } from './database.js';

/** Records a change for sync; call inside the transaction that makes the change. */
export function enqueueOutbox(db: Db, topic: string, payload: unknown): void {
  db.prepare('INSERT INTO outbox (topic, payload_json) VALUES (?, ?)').run(topic, JSON.stringify(payload));
}

export function pendingOutbox(db: Db, limit = 100): { id: number; topic: string; payload: unknown }[] {
  const rows = db.prepare('SELECT id, topic, payload_json FROM outbox WHERE acked_at IS NULL ORDER BY id LIMIT ?').all(limit) as {
    id: number;
    topic: string;
    payload_json: string;
  }[];
  return rows.map((r) => ({ id: r.id, topic: r.topic, payload: JSON.parse(r.payload_json) }));
}
