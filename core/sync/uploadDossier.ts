import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Upload, type DetailedError, type HttpResponse } from 'tus-js-client';
import { z } from 'zod';
import { CourtError } from '../contract/index.js';
import type { Db } from '../store/database.js';
import { errorFromResponse, unreachable, type SyncApi } from './apiClient.js';
import { backoffDelays, type BackoffOptions } from './backoff.js';
import type { SyncControl } from './control.js';
import { uploadFingerprint, type DossierVersion } from './dossierVersion.js';
import type { ProgressListener } from './progress.js';
import { VersionRecordSchema, type VersionRecord } from './protocol.js';
import type { RateLimiter } from './rateLimiter.js';
import { RangeFileReader, type FileRef } from './rangeFileReader.js';
import { SqliteUrlStorage } from './sqliteUrlStorage.js';
import { SyncHttpStack } from './syncHttpStack.js';

export interface UploadEnv {
  db: Db;
  api: SyncApi;
  control: SyncControl;
  chunkSize: number;
  backoff: BackoffOptions;
  limiter?: RateLimiter;
  onProgress?: ProgressListener;
  /** Runs before every upload request (keeps the token fresh during a long upload). */
  beforeRequest?: () => Promise<void>;
}

const VersionAnswer = z.object({ version: VersionRecordSchema });

/** Codes after which re-sending the same request cannot help. */
const FINAL_CODES = new Set(['SYNC_VERSION_EXISTS', 'SYNC_CHECKPOINT_INCONSISTENT', 'SYNC_BLOB_CORRUPT', 'SYNC_DOSSIER_CASE_MISMATCH', 'SYNC_WORKSTATION_MISMATCH', 'SYNC_WORKSTATION_NOT_ENROLLED', 'SYNC_UPLOAD_TOO_LARGE', 'NOT_AUTHENTICATED', 'FORBIDDEN', 'INVALID_INPUT', 'INVALID_CASE_NUMBER', 'LEDGER_CHECKPOINT_MALFORMED', 'LEDGER_SIGNATURE_INVALID', 'LEDGER_UNKNOWN_KEY', 'LEDGER_ORIGIN_MISMATCH']);

function courtErrorOf(res: HttpResponse | null): CourtError | null {
  if (!res) return null;
  const err = errorFromResponse(res.getStatus(), res.getBody());
  return err.code === 'SYNC_PROTOCOL' || err.code === 'SYNC_SERVER_ERROR' ? null : err;
}

/**
 * tus retries network failures, 5xx, 423 (locked), 409 (offset moved) and 460 (chunk corrupted in
 * transit: re-sent after a HEAD); it stops on our own refusals, which no retry can change.
 */
function shouldRetry(err: DetailedError): boolean {
  // Thrown by our own beforeRequest (keeping the token fresh), whose call already retried what can be retried.
  if (err.causingError instanceof CourtError) return false;
  const res = err.originalResponse;
  if (!res) return !(err.causingError && unreachable('', err.causingError).code === 'SYNC_TLS_UNTRUSTED');
  const status = res.getStatus();
  const court = courtErrorOf(res);
  if (court) return !FINAL_CODES.has(court.code);
  return status >= 500 || status === 409 || status === 423 || status === 460;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The exported file must be what the outbox says it is before a byte leaves the workstation. */
async function checkSource(version: DossierVersion, path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new CourtError('SYNC_SOURCE_MISSING', { details: { dossierId: version.dossierId, path } });
  if (info.size !== version.byteLength || (await sha256File(path)) !== version.sha256) {
    throw new CourtError('SYNC_SOURCE_CORRUPT', { details: { dossierId: version.dossierId, path, expected: version.sha256 } });
  }
}

function toCourtError(err: unknown, server: string): CourtError {
  if (err instanceof CourtError) return err;
  const detailed = err as DetailedError;
  if (detailed.causingError instanceof CourtError) return detailed.causingError;
  const court = courtErrorOf(detailed.originalResponse ?? null);
  if (court) return court;
  if (detailed.originalResponse) return errorFromResponse(detailed.originalResponse.getStatus(), detailed.originalResponse.getBody());
  return unreachable(server, detailed.causingError ?? detailed);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Delivers one dossier version and returns the server's record of it. Asks first (a replay or a
 * blob the server already holds needs no upload), then uploads over tus, resuming from the
 * server's offset via the SQLite-stored upload URL, and confirms.
 */
export async function uploadDossierVersion(env: UploadEnv, version: DossierVersion, sourcePath: string, proof?: string[]): Promise<VersionRecord> {
  try {
    return await deliver(env, version, sourcePath, proof);
  } catch (err) {
    // The staged upload expired or vanished after the client saw it complete: start over once.
    if (!(err instanceof CourtError && err.code === 'SYNC_BLOB_MISSING')) throw err;
    new SqliteUrlStorage(env.db, env.api.base).forget(uploadFingerprint(version));
    return deliver(env, version, sourcePath, proof);
  }
}

async function deliver(env: UploadEnv, version: DossierVersion, sourcePath: string, proof?: string[]): Promise<VersionRecord> {
  const { api } = env;
  const ref = { dossierId: version.dossierId, sha256: version.sha256, caseNumber: version.caseNumber };
  const commit = (uploadId?: string) =>
    api.call('POST', '/api/sync/versions', VersionAnswer, { ...version, ...(uploadId ? { uploadId } : {}), ...(proof?.length ? { proof } : {}) }).then((a) => a.version);

  try {
    return (await api.call('GET', `/api/sync/versions/${encodeURIComponent(version.dossierId)}/${version.sha256}`, VersionAnswer)).version;
  } catch (err) {
    if (!(err instanceof CourtError && err.code === 'SYNC_DOSSIER_NOT_FOUND')) throw err;
    if (err.details?.blob === true) return commit();
  }

  await checkSource(version, sourcePath);
  const storage = new SqliteUrlStorage(env.db, api.base);
  const fingerprint = uploadFingerprint(version);
  let bytesSent = 0;
  const stack = new SyncHttpStack(api.requestOptions, {
    headers: () => api.authHeaders(),
    limiter: env.limiter,
    onResumeOffset: (offset) => env.onProgress?.({ kind: 'resume', ...ref, offset, bytesTotal: version.byteLength }),
    onChunkAccepted: (bytes) => (bytesSent += bytes),
  });

  const outcome = await new Promise<{ res: HttpResponse; uploadUrl: string | null }>((resolve, reject) => {
    const file: FileRef = { path: sourcePath, size: version.byteLength };
    const upload = new Upload(file as unknown as Buffer, {
      endpoint: `${api.base}/files`,
      chunkSize: env.chunkSize,
      metadata: {
        dossierId: version.dossierId,
        caseNumber: version.caseNumber,
        sha256: version.sha256,
        byteLength: String(version.byteLength),
        pageCount: String(version.pageCount),
        checkpoint: version.checkpoint,
        ...(proof?.length ? { proof: proof.join(',') } : {}),
      },
      fingerprint: async () => fingerprint,
      urlStorage: storage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fileReader: new RangeFileReader(),
      httpStack: stack,
      onBeforeRequest: env.beforeRequest ? () => env.beforeRequest!() : undefined,
      retryDelays: backoffDelays(env.backoff),
      onShouldRetry: (err) => shouldRetry(err),
      onProgress: (sent, total) => env.onProgress?.({ kind: 'upload', ...ref, bytesSent: sent, bytesTotal: total }),
      onSuccess: ({ lastResponse: res }) => {
        unsubscribe();
        resolve({ res, uploadUrl: upload.url });
      },
      onError: (err) => {
        unsubscribe();
        reject(err);
      },
    });
    const unsubscribe = env.control.subscribe((paused) => {
      if (paused) {
        void upload.abort(false);
        env.onProgress?.({ kind: 'paused', ...ref });
      } else upload.start();
    });
    void upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        if (!env.control.isPaused) upload.start();
      })
      .catch(reject);
  }).catch((err: unknown): VersionRecord => {
    const court = toCourtError(err, api.base);
    if (court.code === 'SYNC_VERSION_EXISTS') {
      const earlier = VersionRecordSchema.safeParse(court.details?.version);
      if (earlier.success) return earlier.data;
    }
    // The server threw the staged bytes away; the next attempt must start a new upload.
    if (court.code === 'SYNC_BLOB_CORRUPT') storage.forget(fingerprint);
    throw court;
  });

  let record: VersionRecord;
  if ('versionId' in outcome) record = outcome;
  else {
    // The finishing PATCH answers with the version; a HEAD that found the upload already complete does not, so confirm.
    const answer = VersionAnswer.safeParse(safeJson(outcome.res.getBody()));
    record = answer.success ? answer.data.version : await commit(outcome.uploadUrl ? new URL(outcome.uploadUrl).pathname.split('/').pop() : undefined);
  }
  storage.forget(fingerprint);
  env.onProgress?.({ kind: 'uploaded', ...ref, version: record, bytesSent });
  return record;
}
