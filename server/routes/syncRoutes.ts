import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CourtError } from '../../core/contract/index.js';
import { SHA256_HEX } from '../../core/sync/dossierVersion.js';
import { CommitRequestSchema, EventRequestSchema, type SyncState, type VersionRecord } from '../../core/sync/protocol.js';
import { authorize, refuse } from '../auth/requestAuth.js';
import { findVersionByContent, findVersionByKey, idempotencyKey, ingestVersion } from '../ingest/ingestVersion.js';
import { decodeProof } from '../ingest/uploadMetadata.js';
import { finishUpload, type UploadDeps } from '../tus/finishUpload.js';

const VersionParams = z.object({ dossierId: z.string().max(64), sha256: z.string().regex(SHA256_HEX) });

export function registerSyncRoutes(app: FastifyInstance, deps: UploadDeps): void {
  const { ctx } = deps;

  app.get('/api/sync/state', async (request): Promise<SyncState> => {
    const principal = await authorize(ctx, request, 'upload');
    const row = (
      await ctx.pool.query<{ checkpoint_origin: string | null; checkpoint_size: number | null; checkpoint_root: string | null }>(
        'SELECT checkpoint_origin, checkpoint_size, checkpoint_root FROM workstations WHERE id = $1',
        [principal.workstationId],
      )
    ).rows[0];
    const checkpoint =
      row?.checkpoint_origin && row.checkpoint_size !== null && row.checkpoint_root
        ? { origin: row.checkpoint_origin, size: row.checkpoint_size, rootHash: row.checkpoint_root }
        : null;
    return { workstationId: principal.workstationId!, checkpoint };
  });

  /** Is this version already on the server? 404 says whether at least the bytes are (then a commit suffices). */
  app.get('/api/sync/versions/:dossierId/:sha256', async (request): Promise<{ version: VersionRecord }> => {
    const principal = await authorize(ctx, request, 'upload');
    const { dossierId, sha256 } = VersionParams.parse(request.params);
    const version =
      (await findVersionByKey(ctx.pool, idempotencyKey(principal.workstationId!, dossierId, sha256))) ?? (await findVersionByContent(ctx.pool, dossierId, sha256));
    if (!version) throw new CourtError('SYNC_DOSSIER_NOT_FOUND', { details: { dossierId, sha256, blob: await ctx.blobs.has(sha256) } });
    return { version };
  });

  /**
   * Idempotent confirmation of a version: finishes a complete staged upload, or ingests bytes the
   * blob store already holds. Recovers every crash point between the last chunk and the ingest.
   */
  app.post('/api/sync/versions', async (request): Promise<{ version: VersionRecord }> => {
    const principal = await authorize(ctx, request, 'upload');
    const body = CommitRequestSchema.parse(request.body);
    const workstationId = principal.workstationId!;
    const earlier = await findVersionByKey(ctx.pool, idempotencyKey(workstationId, body.dossierId, body.sha256));
    if (earlier) return { version: earlier };
    if (body.uploadId) {
      const info = await deps.store.configstore.get(body.uploadId);
      const owner = info?.metadata?.workstationId;
      if (owner && owner !== workstationId) await refuse(ctx, request, 'SYNC_WORKSTATION_MISMATCH', `upload ${body.uploadId} belongs to ${owner}`);
      const finished = info ? await finishUpload(deps, body.uploadId, workstationId) : null;
      if (finished) return { version: finished };
    }
    const { uploadId: _, proof, ...version } = body;
    const record = await ingestVersion(ctx, { version, proof: decodeProof(proof), workstationId, userId: principal.userId, actor: principal.username });
    return { version: record };
  });

  /** Outbox rows other than dossier versions: kept once per (workstation, outbox id), so a replay is harmless. */
  app.post('/api/sync/events', async (request) => {
    const principal = await authorize(ctx, request, 'syncEvents');
    const event = EventRequestSchema.parse(request.body);
    const inserted = await ctx.pool.query(
      'INSERT INTO workstation_events (workstation_id, outbox_id, topic, payload) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [principal.workstationId, event.outboxId, event.topic, JSON.stringify(event.payload ?? null)],
    );
    return { accepted: true, duplicate: inserted.rowCount === 0 };
  });
}
