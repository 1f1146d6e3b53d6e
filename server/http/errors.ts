import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { CourtError, type ErrorCode } from '../../core/contract/index.js';

/** tus's own code for a failed Upload-Checksum (tus checksum extension). */
export const CHECKSUM_MISMATCH_STATUS = 460;

const statusOf: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_CASE_NUMBER: 400,
  LEDGER_CHECKPOINT_MALFORMED: 400,
  LEDGER_KEY_INVALID: 400,
  NOT_AUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  SYNC_RENEWAL_REFUSED: 401,
  FORBIDDEN: 403,
  SYNC_WORKSTATION_MISMATCH: 403,
  SYNC_WORKSTATION_NOT_ENROLLED: 403,
  LEDGER_SIGNATURE_INVALID: 409,
  LEDGER_UNKNOWN_KEY: 409,
  LEDGER_ORIGIN_MISMATCH: 409,
  CASE_NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  SYNC_DOSSIER_NOT_FOUND: 404,
  USER_EXISTS: 409,
  SYNC_CHECKPOINT_INCONSISTENT: 409,
  SYNC_VERSION_EXISTS: 409,
  SYNC_BLOB_MISSING: 409,
  SYNC_DOSSIER_CASE_MISMATCH: 409,
  SYNC_UPLOAD_TOO_LARGE: 413,
  SYNC_LOGIN_THROTTLED: 429,
  SYNC_CHECKSUM_MISMATCH: CHECKSUM_MISMATCH_STATUS,
  SYNC_BLOB_CORRUPT: CHECKSUM_MISMATCH_STATUS,
  // The object storage is down or misconfigured: clients retry later, nothing of theirs is refused.
  SYNC_BLOB_STORE_UNREACHABLE: 503,
  SYNC_BLOB_STORE_DENIED: 503,
  SYNC_BLOB_STORE_NO_BUCKET: 503,
  SYNC_BLOB_STORE_FAILED: 503,
};

export function httpStatusOf(err: CourtError): number {
  return statusOf[err.code] ?? 500;
}

export function errorBody(err: CourtError): string {
  return JSON.stringify({ error: err.toData() });
}

/** Turns anything thrown into the shared ErrorData body; unknown failures become INTERNAL without leaking internals. */
export function toCourtError(err: unknown): CourtError {
  if (err instanceof CourtError) return err;
  if (err instanceof ZodError) {
    return new CourtError('INVALID_INPUT', {
      message: `请求内容不符合要求：${err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
      details: { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  const fe = err as FastifyError;
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new CourtError(fe.statusCode === 413 ? 'SYNC_UPLOAD_TOO_LARGE' : 'INVALID_INPUT', { messageEn: fe.message });
  }
  return new CourtError('INTERNAL');
}

export function sendError(reply: FastifyReply, err: CourtError): FastifyReply {
  const retryAfter = err.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
  return reply.code(httpStatusOf(err)).type('application/json; charset=utf-8').send(errorBody(err));
}

export function errorHandler(this: unknown, err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const court = toCourtError(err);
  if (httpStatusOf(court) >= 500) request.log.error({ err }, 'request failed');
  return sendError(reply, court);
}
