import type { IncomingMessage } from 'node:http';
import { Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CourtError } from '../../core/contract/index.js';
import { audit } from '../audit.js';
import { authorize, refuse } from '../auth/requestAuth.js';
import type { Principal } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { errorBody, httpStatusOf, sendError, toCourtError } from '../http/errors.js';
import { findVersionByKey, idempotencyKey, ingestVersion, precheckCheckpoint, type IngestRequest } from '../ingest/ingestVersion.js';
import { readUploadMetadata } from '../ingest/uploadMetadata.js';
import { checksumAlgorithms, verifyChecksum } from './checksum.js';
import { finishUpload, type UploadDeps } from './finishUpload.js';
import { PgLocker } from './pgLocker.js';
import { StagingStore, UPLOAD_ID } from './stagingStore.js';

export const TUS_PATH = '/files';
const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect']);

/** The tus hooks see only the web Request we built; this carries the authenticated principal to them. */
const principals = new WeakMap<Request, Principal>();

/** @tus/server sends {status_code, body} errors as they are; ours carry the shared ErrorData body. */
function asTusError(err: unknown): { status_code: number; body: string } {
  const court = toCourtError(err);
  return { status_code: httpStatusOf(court), body: errorBody(court) };
}

function ingestRequestFor(principal: Principal, upload: Upload): IngestRequest {
  const { version, proof } = readUploadMetadata(upload.metadata);
  return { version, proof, workstationId: principal.workstationId!, userId: principal.userId, actor: principal.username };
}

function versionExists(version: unknown): CourtError {
  return new CourtError('SYNC_VERSION_EXISTS', { details: { version } });
}

export function createUploadDeps(ctx: ServerContext): UploadDeps {
  return { ctx, store: new StagingStore(ctx.stagingDir, UPLOAD_EXPIRY_MS), locker: new PgLocker(ctx.lockPool) };
}

function createTusServer(deps: UploadDeps): Server {
  const { ctx } = deps;
  return new Server({
    path: TUS_PATH,
    datastore: deps.store,
    locker: deps.locker,
    // The client resolves a relative Location against whichever instance (or load balancer) it used.
    relativeLocation: true,
    maxSize: ctx.maxUploadBytes,
    disableTerminationForFinishedUploads: true,
    async onUploadCreate(req, upload) {
      try {
        const principal = principals.get(req)!;
        const ingest = ingestRequestFor(principal, upload);
        if (upload.size !== ingest.version.byteLength) {
          throw new CourtError('INVALID_INPUT', { messageEn: `Upload-Length ${upload.size} differs from byteLength ${ingest.version.byteLength}` });
        }
        const earlier = await findVersionByKey(ctx.pool, idempotencyKey(ingest.workstationId, ingest.version.dossierId, ingest.version.sha256));
        if (earlier) throw versionExists(earlier);
        // The server already holds these bytes (e.g. the upload finished but its answer was lost): ingest without a second upload.
        if (await ctx.blobs.has(ingest.version.sha256)) throw versionExists(await ingestVersion(ctx, ingest));
        await precheckCheckpoint(ctx.pool, ingest);
        return { metadata: { ...upload.metadata, workstationId: ingest.workstationId, userId: String(principal.userId), username: principal.username } };
      } catch (err) {
        throw asTusError(err);
      }
    },
    async onUploadFinish(req, upload) {
      try {
        const principal = principals.get(req)!;
        const record =
          (await finishUpload(deps, upload.id, principal.workstationId!)) ??
          (await findVersionByKey(ctx.pool, idempotencyKey(principal.workstationId!, ...keyParts(upload))));
        if (!record) throw new CourtError('SYNC_BLOB_MISSING', { details: { uploadId: upload.id } });
        return { status_code: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ version: record }) };
      } catch (err) {
        throw asTusError(err);
      }
    },
    onResponseError: (_req, err) => (err instanceof CourtError ? asTusError(err) : undefined),
  });
}

function keyParts(upload: Upload): [string, string] {
  const { version } = readUploadMetadata(upload.metadata);
  return [version.dossierId, version.sha256];
}

async function readBody(raw: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = raw.headers['content-length'] === undefined ? null : Number(raw.headers['content-length']);
  const tooLarge = () => new CourtError('SYNC_UPLOAD_TOO_LARGE', { details: { limit } });
  if (declared !== null && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) throw tooLarge();
    chunks.push(chunk);
  }
  // A body cut short (client killed mid-chunk) is discarded whole: unverified bytes never reach the staging file.
  if (declared !== null && received !== declared) throw new CourtError('INVALID_INPUT', { messageEn: 'request body ended early' });
  return Buffer.concat(chunks, received);
}

/**
 * tus 1.0 uploads under /files, behind our auth. @tus/server 2 has no checksum extension, so it is
 * implemented here: a chunk is received whole, its Upload-Checksum verified (460 on mismatch),
 * and only then handed to tus, which writes it under a cross-instance lock.
 */
export function registerUploadRoutes(app: FastifyInstance, deps: UploadDeps): void {
  const { ctx } = deps;
  const tus = createTusServer(deps);
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null, undefined));

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.method === 'OPTIONS' ? null : await authorize(ctx, request, 'upload');
    const id = (request.params as { id?: string }).id;
    if (id !== undefined && !UPLOAD_ID.test(id)) return sendError(reply, new CourtError('INVALID_INPUT', { messageEn: 'invalid upload id' }));
    if (id && principal) {
      const info = await deps.store.configstore.get(id);
      const owner = info?.metadata?.workstationId;
      if (owner && owner !== principal.workstationId) await refuse(ctx, request, 'SYNC_WORKSTATION_MISMATCH', `upload ${id} belongs to workstation ${owner}`);
    }

    let body: Buffer | undefined;
    if ((request.method === 'PATCH' || request.method === 'POST') && request.headers['content-type'] === 'application/offset+octet-stream') {
      try {
        body = await readBody(request.raw, ctx.maxChunkBytes);
      } catch (err) {
        reply.header('Connection', 'close');
        throw err;
      }
      const verdict = verifyChecksum(request.headers['upload-checksum'] as string | undefined, body);
      if (verdict === 'mismatch') {
        await audit(ctx.pool, { actor: principal!.username, workstationId: principal!.workstationId, action: 'upload.checksum-mismatch', subject: `upload:${id}`, outcome: 'error', detail: { offset: request.headers['upload-offset'], bytes: body.length } });
        return sendError(reply, new CourtError('SYNC_CHECKSUM_MISMATCH', { details: { uploadId: id, offset: request.headers['upload-offset'] } }));
      }
      if (verdict !== 'ok' && body.length > 0) {
        return sendError(reply, new CourtError('INVALID_INPUT', { message: `Upload-Checksum 缺失或无效（${verdict}）；支持 ${checksumAlgorithms.join('、')}`, messageEn: `Upload-Checksum ${verdict}` }));
      }
    }

    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const webRequest = new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, { method: request.method, headers, body });
    if (principal) principals.set(webRequest, principal);
    const response = await tus.handleWeb(webRequest);
    reply.code(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    if (request.method === 'OPTIONS') reply.header('Tus-Checksum-Algorithm', checksumAlgorithms.join(','));
    return reply.send(Buffer.from(await response.arrayBuffer()));
  };

  const methods = ['OPTIONS', 'HEAD', 'POST', 'PATCH', 'DELETE'] as const;
  app.route({ method: [...methods], url: TUS_PATH, handler });
  app.route({ method: [...methods], url: `${TUS_PATH}/:id`, handler });
}

/** Drops staged uploads older than the expiry (abandoned by their workstation). */
export function sweepStaging(stagingDir: string): Promise<number> {
  return new StagingStore(stagingDir, UPLOAD_EXPIRY_MS).deleteExpired();
}
