import { CourtError } from '../../core/contract/index.js';
import { parseCaseNumber } from '../../core/cases/caseNumber.js';
import type { DossierVersion } from '../../core/sync/dossierVersion.js';
import type { VersionRecord } from '../../core/sync/protocol.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { inTransaction, type Client, type Pool } from '../db/pool.js';
import { checkConsistency } from './checkpointConsistency.js';
import { readCheckpoint, type CheckpointHead } from './signedCheckpoint.js';

export interface IngestRequest {
  version: DossierVersion;
  proof?: Uint8Array[];
  workstationId: string;
  userId: number | null;
  actor: string;
}

/** Exactly-once key: the same workstation sending the same bytes for the same dossier is one version, however often it retries. */
export const idempotencyKey = (workstationId: string, dossierId: string, sha256: string) => `${workstationId}:${dossierId}:${sha256}`;

const SELECT_VERSION = `SELECT v.id, v.dossier_id, c.number AS case_number, v.sha256, v.version_no, v.byte_length, v.page_count,
  v.workstation_id, v.ingested_at FROM dossier_versions v JOIN dossiers d ON d.id = v.dossier_id JOIN cases c ON c.id = d.case_id`;

export interface VersionRow {
  id: number;
  dossier_id: string;
  case_number: string;
  sha256: string;
  version_no: number;
  byte_length: number;
  page_count: number;
  workstation_id: string;
  ingested_at: Date;
}

export function toRecord(r: VersionRow, replayed: boolean): VersionRecord {
  return {
    versionId: r.id,
    dossierId: r.dossier_id,
    caseNumber: r.case_number,
    sha256: r.sha256,
    versionNo: r.version_no,
    byteLength: r.byte_length,
    pageCount: r.page_count,
    workstationId: r.workstation_id,
    ingestedAt: r.ingested_at.toISOString(),
    replayed,
  };
}

export async function findVersionByKey(db: Pool | Client, key: string): Promise<VersionRecord | null> {
  const row = (await db.query<VersionRow>(`${SELECT_VERSION} WHERE v.idempotency_key = $1`, [key])).rows[0];
  return row ? toRecord(row, true) : null;
}

export async function findVersionByContent(db: Pool | Client, dossierId: string, sha256: string): Promise<VersionRecord | null> {
  const row = (await db.query<VersionRow>(`${SELECT_VERSION} WHERE v.dossier_id = $1 AND v.sha256 = $2`, [dossierId, sha256])).rows[0];
  return row ? toRecord(row, true) : null;
}

interface WorkstationRow {
  ledger_key: string | null;
  checkpoint_origin: string | null;
  checkpoint_size: number | null;
  checkpoint_root: string | null;
}

function lastHead(ws: WorkstationRow): CheckpointHead | null {
  if (ws.checkpoint_size === null || ws.checkpoint_root === null || ws.checkpoint_origin === null) return null;
  return { origin: ws.checkpoint_origin, size: ws.checkpoint_size, rootHash: new Uint8Array(Buffer.from(ws.checkpoint_root, 'base64')) };
}

type Assessment = { ok: true; head: CheckpointHead; proven: boolean } | { ok: false; head: CheckpointHead; previous: CheckpointHead | null; reason: string };

function assess(ws: WorkstationRow, note: string, proof: Uint8Array[] | undefined): Assessment {
  const head = readCheckpoint(note, ws.ledger_key, ws.checkpoint_origin);
  const previous = lastHead(ws);
  const verdict = checkConsistency(previous, head, proof);
  return verdict.ok ? { ok: true, head, proven: verdict.proven } : { ok: false, head, previous, reason: verdict.reason };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Records the alarm and refuses: a checkpoint that does not extend the last one is a rollback or a fork of the workstation's ledger. */
async function alarm(pool: Pool, req: IngestRequest, a: Extract<Assessment, { ok: false }>): Promise<never> {
  const detail = {
    reason: a.reason,
    dossierId: req.version.dossierId,
    sha256: req.version.sha256,
    previous: a.previous && { origin: a.previous.origin, size: a.previous.size, rootHash: b64(a.previous.rootHash) },
    offered: { origin: a.head.origin, size: a.head.size, rootHash: b64(a.head.rootHash) },
  };
  await audit(pool, { actor: req.actor, workstationId: req.workstationId, action: 'ledger.checkpoint-inconsistent', subject: `workstation:${req.workstationId}`, outcome: 'alarm', detail });
  throw new CourtError('SYNC_CHECKPOINT_INCONSISTENT', { details: detail });
}

async function workstationRow(db: Pool | Client, id: string, forUpdate: boolean): Promise<WorkstationRow> {
  const row = (
    await db.query<WorkstationRow>(
      `SELECT ledger_key, checkpoint_origin, checkpoint_size, checkpoint_root FROM workstations WHERE id = $1 AND enabled ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    )
  ).rows[0];
  if (!row) throw new CourtError('SYNC_WORKSTATION_NOT_ENROLLED', { details: { workstationId: id } });
  return row;
}

/** Early refusal at upload creation, so a rolled-back ledger does not first send a hundred megabytes. */
export async function precheckCheckpoint(pool: Pool, req: IngestRequest): Promise<void> {
  const a = assess(await workstationRow(pool, req.workstationId, false), req.version.checkpoint, req.proof);
  if (!a.ok) await alarm(pool, req, a);
}

/**
 * Ingests a version whose bytes are already in the blob store, exactly once: an advisory lock on the
 * idempotency key serialises racing instances, the unique key makes a replay return the first answer,
 * and the workstation row lock orders its checkpoints.
 */
export async function ingestVersion(ctx: ServerContext, req: IngestRequest): Promise<VersionRecord> {
  const v = req.version;
  const number = parseCaseNumber(v.caseNumber).canonical;
  const key = idempotencyKey(req.workstationId, v.dossierId, v.sha256);
  const stored = await ctx.blobs.size(v.sha256);
  if (stored === null) {
    const earlier = await findVersionByKey(ctx.pool, key);
    if (earlier) return earlier;
    throw new CourtError('SYNC_BLOB_MISSING', { details: { sha256: v.sha256 } });
  }
  if (stored !== v.byteLength) {
    throw new CourtError('INVALID_INPUT', { message: `登记的文件大小 ${v.byteLength} 与服务器上的文件 ${stored} 不符`, messageEn: `declared byteLength ${v.byteLength} but stored blob has ${stored}` });
  }

  type Outcome = { record: VersionRecord; rejected?: undefined } | { rejected: Extract<Assessment, { ok: false }> };
  const outcome = await inTransaction(ctx.pool, async (db): Promise<Outcome> => {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`ingest:${key}`]);
    const earlier = await findVersionByKey(db, key);
    if (earlier) return { record: earlier };
    const ws = await workstationRow(db, req.workstationId, true);
    const a = assess(ws, v.checkpoint, req.proof);
    if (!a.ok) return { rejected: a };

    await db.query('INSERT INTO cases (number, created_by) VALUES ($1, $2) ON CONFLICT (number) DO NOTHING', [number, `workstation:${req.workstationId}`]);
    const caseId = (await db.query<{ id: number }>('SELECT id FROM cases WHERE number = $1', [number])).rows[0].id;
    await db.query('INSERT INTO dossiers (id, case_id, created_by_workstation) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [v.dossierId, caseId, req.workstationId]);
    const dossier = (await db.query<{ case_id: number }>('SELECT case_id FROM dossiers WHERE id = $1 FOR UPDATE', [v.dossierId])).rows[0];
    if (dossier.case_id !== caseId) throw new CourtError('SYNC_DOSSIER_CASE_MISMATCH', { details: { dossierId: v.dossierId, caseNumber: number } });

    // Another workstation already delivered these exact bytes for this dossier: one version, not two.
    const same = await findVersionByContent(db, v.dossierId, v.sha256);
    if (same) {
      await audit(db, { actor: req.actor, workstationId: req.workstationId, action: 'dossier.version-duplicate', subject: `dossier:${v.dossierId}`, outcome: 'ok', detail: { sha256: v.sha256, versionId: same.versionId } });
      return { record: same };
    }

    const inserted = await db.query<{ id: number }>(
      `INSERT INTO dossier_versions (dossier_id, version_no, sha256, byte_length, page_count, workstation_id, uploaded_by, idempotency_key,
                                     checkpoint_note, checkpoint_size, checkpoint_root, checkpoint_proven)
       SELECT $1, coalesce(max(version_no), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM dossier_versions WHERE dossier_id = $1
       RETURNING id`,
      [v.dossierId, v.sha256, v.byteLength, v.pageCount, req.workstationId, req.userId, key, v.checkpoint, a.head.size, b64(a.head.rootHash), a.proven],
    );
    const versionId = inserted.rows[0].id;
    await db.query('INSERT INTO pages (version_id, page_no) SELECT $1, g FROM generate_series(1, $2::int) AS g', [versionId, v.pageCount]);
    await db.query(
      `UPDATE workstations SET checkpoint_origin = $2, checkpoint_size = $3, checkpoint_root = $4, checkpoint_note = $5, checkpoint_at = now(), last_seen_at = now()
        WHERE id = $1`,
      [req.workstationId, a.head.origin, a.head.size, b64(a.head.rootHash), v.checkpoint],
    );
    await audit(db, {
      actor: req.actor,
      workstationId: req.workstationId,
      action: 'dossier.ingest',
      subject: `dossier:${v.dossierId}`,
      outcome: 'ok',
      detail: { versionId, sha256: v.sha256, pageCount: v.pageCount, checkpointSize: a.head.size, proven: a.proven, instance: ctx.instance },
    });
    const row = (await findVersionByKey(db, key))!;
    return { record: { ...row, replayed: false } };
  });
  if (outcome.rejected) return alarm(ctx.pool, req, outcome.rejected);
  return outcome.record;
}
