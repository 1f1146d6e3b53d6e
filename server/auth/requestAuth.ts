import type { FastifyRequest } from 'fastify';
import { CourtError, type ErrorCode } from '../../core/contract/index.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { may, workstationCapabilities, type Capability } from './capabilities.js';
import { resolveToken, type Principal } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Sent by workstations on every request, so a token copied to another machine is refused rather than silently used. */
export const WORKSTATION_HEADER = 'courtdesk-workstation';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const m = header ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  return m ? m[1] : null;
}

async function deny(ctx: ServerContext, request: FastifyRequest, code: ErrorCode, why: string, principal: Principal | null): Promise<never> {
  await audit(ctx.pool, {
    actor: principal?.username ?? 'anonymous',
    workstationId: principal?.workstationId ?? null,
    action: `${request.method} ${request.routeOptions.url ?? request.url}`,
    subject: request.url.split('?')[0],
    outcome: 'denied',
    detail: { why, code, instance: ctx.instance },
  });
  throw new CourtError(code, { details: { why } });
}

/** Authenticates the bearer token (any live token); refusals are audited. */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<Principal> {
  const token = bearerToken(request);
  const principal = token ? await resolveToken(ctx.pool, token) : null;
  if (!principal) return deny(ctx, request, 'NOT_AUTHENTICATED', token ? 'token unknown, expired or revoked' : 'no bearer token', null);
  request.principal = principal;
  return principal;
}

/** Authenticates, then checks role and workstation binding; every refusal is audited. */
export async function authorize(ctx: ServerContext, request: FastifyRequest, capability: Capability): Promise<Principal> {
  const principal = await authenticate(ctx, request);
  if (!may(principal.roles, capability)) return deny(ctx, request, 'FORBIDDEN', `role lacks ${capability}`, principal);
  if (workstationCapabilities.has(capability)) {
    if (!principal.workstationId) return deny(ctx, request, 'FORBIDDEN', `${capability} needs a workstation-bound token`, principal);
    const claimed = request.headers[WORKSTATION_HEADER];
    if (claimed !== principal.workstationId) return deny(ctx, request, 'SYNC_WORKSTATION_MISMATCH', `token is bound to another workstation than ${String(claimed)}`, principal);
  }
  return principal;
}

/** A later check (e.g. upload ownership) refusing an authenticated principal. */
export function refuse(ctx: ServerContext, request: FastifyRequest, code: ErrorCode, why: string): Promise<never> {
  return deny(ctx, request, code, why, request.principal);
}
