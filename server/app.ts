import Fastify, { type FastifyInstance } from 'fastify';
import { CourtError } from '../core/contract/index.js';
import { audit, type AuditOutcome } from './audit.js';
import type { ServerContext } from './context.js';
import { errorHandler, sendError } from './http/errors.js';
import { registerAdminRoutes } from './routes/adminRoutes.js';
import { registerAssignmentRoutes } from './routes/assignmentRoutes.js';
import { registerAuthRoutes } from './routes/authRoutes.js';
import { registerDossierRoutes } from './routes/dossierRoutes.js';
import { registerSyncRoutes } from './routes/syncRoutes.js';
import { createUploadDeps, registerUploadRoutes } from './tus/uploadRoutes.js';

export interface AppOptions {
  tls?: { key: Buffer; cert: Buffer };
  logLevel?: string;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
}

function outcomeOf(status: number): AuditOutcome {
  return status < 400 ? 'ok' : 'error';
}

/** One stateless instance: all state is in PostgreSQL, the blob store and the shared staging directory. */
export function buildApp(ctx: ServerContext, opts: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'warn', stream: process.stderr },
    ...(opts.tls ? { https: opts.tls } : {}),
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Slow links upload big chunks; the socket timeout, not a request deadline, catches dead peers.
    requestTimeout: 0,
    connectionTimeout: 0,
    keepAliveTimeout: 65_000,
  }) as unknown as FastifyInstance;
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => sendError(reply, new CourtError('UNKNOWN_CHANNEL', { details: { path: request.url.split('?')[0] } })));

  // Every request leaves a row; refusals (401/403) already wrote theirs with the reason.
  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/api/health' || reply.statusCode === 401 || reply.statusCode === 403) return;
    await audit(ctx.pool, {
      actor: request.principal?.username ?? 'anonymous',
      workstationId: request.principal?.workstationId ?? null,
      action: `${request.method} ${request.routeOptions.url ?? '(unrouted)'}`,
      subject: request.url.split('?')[0],
      outcome: outcomeOf(reply.statusCode),
      detail: { status: reply.statusCode, ms: Math.round(reply.elapsedTime), ip: request.ip, instance: ctx.instance },
    }).catch((err: unknown) => request.log.error({ err }, 'audit write failed'));
  });

  const uploads = createUploadDeps(ctx);
  registerAuthRoutes(app, ctx);
  registerUploadRoutes(app, uploads);
  registerSyncRoutes(app, uploads);
  registerAssignmentRoutes(app, ctx);
  registerDossierRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  return app;
}
