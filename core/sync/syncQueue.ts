import type { ErrorData } from '../contract/index.js';
import type { SyncQueueItem } from '../contract/schemas/sync.js';
import type { Db } from '../store/database.js';
import { DOSSIER_VERSION_TOPIC, DossierVersionSchema } from './dossierVersion.js';

/** What the running drain knows beyond the store: the row being sent and the row that stopped the last attempt. */
export interface LiveQueue {
  current: { outboxId: number; bytesDone: number } | null;
  failed: { outboxId: number; bytesDone: number; error: ErrorData } | null;
}

interface Row {
  id: number;
  payload_json: string;
  created_at: string;
  acked_at: string | null;
  version_no: number | null;
  confirmed_at: string | null;
}

/** Confirmed versions shown under the waiting ones, so the operator sees what just went. */
const RECENT_DONE = 20;
/** A queue longer than this is shown from its head; `pending` still counts all of it. */
const MAX_WAITING = 200;

/** The 同步 page's queue: one row per dossier version, waiting ones in sending order, then recently confirmed ones. */
export function syncQueue(db: Db, live: LiveQueue): SyncQueueItem[] {
  const select = `SELECT o.id, o.payload_json, o.created_at, o.acked_at, v.version_no, v.confirmed_at
    FROM outbox o LEFT JOIN sync_versions v
      ON v.dossier_id = json_extract(o.payload_json, '$.dossierId') AND v.sha256 = json_extract(o.payload_json, '$.sha256')
    WHERE o.topic = ?`;
  const waiting = db.prepare(`${select} AND o.acked_at IS NULL ORDER BY o.id LIMIT ?`).all(DOSSIER_VERSION_TOPIC, MAX_WAITING) as Row[];
  const done = db.prepare(`${select} AND o.acked_at IS NOT NULL ORDER BY o.id DESC LIMIT ?`).all(DOSSIER_VERSION_TOPIC, RECENT_DONE) as Row[];
  return [...waiting, ...done].flatMap((r): SyncQueueItem[] => {
    const parsed = DossierVersionSchema.safeParse(JSON.parse(r.payload_json));
    if (!parsed.success) return [];
    const v = parsed.data;
    const base = {
      outboxId: r.id,
      dossierId: v.dossierId,
      caseNumber: v.caseNumber,
      sha256: v.sha256,
      pageCount: v.pageCount,
      bytesTotal: v.byteLength,
      queuedAt: r.created_at,
      versionNo: r.version_no,
    };
    if (r.acked_at) return [{ ...base, state: 'done', bytesDone: v.byteLength, doneAt: r.confirmed_at ?? r.acked_at, error: null }];
    if (live.current?.outboxId === r.id) return [{ ...base, state: 'uploading', bytesDone: Math.min(live.current.bytesDone, v.byteLength), doneAt: null, error: null }];
    if (live.failed?.outboxId === r.id) return [{ ...base, state: 'failed', bytesDone: Math.min(live.failed.bytesDone, v.byteLength), doneAt: null, error: live.failed.error }];
    return [{ ...base, state: 'waiting', bytesDone: 0, doneAt: null, error: null }];
  });
}
