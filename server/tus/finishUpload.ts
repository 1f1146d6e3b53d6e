import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Locker } from '@tus/server';
import { CourtError } from '../../core/contract/index.js';
import type { VersionRecord } from '../../core/sync/protocol.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { ingestVersion } from '../ingest/ingestVersion.js';
import { readUploadMetadata } from '../ingest/uploadMetadata.js';
import { withLock } from './pgLocker.js';
import type { StagingStore } from './stagingStore.js';

export interface UploadDeps {
  ctx: ServerContext;
  store: StagingStore;
  locker: Locker;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Turns a completely received upload into a dossier version: re-hash the whole file, check it is
 * the sha256 the client declared, move it into the blob store, ingest exactly once. Runs under a
 * cross-instance lock; returns null when the upload is gone (another instance finished it).
 */
export async function finishUpload(deps: UploadDeps, uploadId: string, workstationId: string): Promise<VersionRecord | null> {
  const { ctx, store } = deps;
  return withLock(deps.locker, `finish:${uploadId}`, async () => {
    const upload = await store.getUpload(uploadId).catch(() => null);
    if (!upload) return null;
    const staged = readUploadMetadata(upload.metadata);
    if (staged.workstationId !== workstationId) throw new CourtError('SYNC_WORKSTATION_MISMATCH', { details: { uploadId } });
    if (upload.size === undefined || upload.offset !== upload.size) {
      throw new CourtError('SYNC_BLOB_MISSING', { details: { uploadId, offset: upload.offset, size: upload.size } });
    }
    const { version } = staged;
    const actual = await sha256File(store.dataPath(uploadId));
    if (actual !== version.sha256) {
      await store.forget(uploadId);
      const detail = { uploadId, dossierId: version.dossierId, declared: version.sha256, actual };
      await audit(ctx.pool, { actor: staged.username ?? workstationId, workstationId, action: 'upload.blob-corrupt', subject: `dossier:${version.dossierId}`, outcome: 'error', detail });
      throw new CourtError('SYNC_BLOB_CORRUPT', { details: detail });
    }
    await ctx.blobs.adopt(version.sha256, store.dataPath(uploadId));
    // The bytes are safe in the blob store now; whatever ingest says, a retry commits from there.
    try {
      return await ingestVersion(ctx, { version, proof: staged.proof, workstationId, userId: staged.userId ?? null, actor: staged.username ?? workstationId });
    } finally {
      await store.forget(uploadId);
    }
  });
}
