import type { FastifyInstance } from 'fastify';
import { CourtError } from '../../core/contract/index.js';
import { hashPassword } from '../../core/auth/password.js';
import { parseVerifierKey } from '../../core/ledger/keys/noteKeys.js';
import { LoginRequestSchema, LogoutRequestSchema, type LoginRequest, type LoginResponse } from '../../core/sync/protocol.js';
import { authenticate as checkPassword, type Account } from '../auth/accounts.js';
import { authenticate, bearerToken } from '../auth/requestAuth.js';
import { issueRenewal, renewalHolder, revokeRenewals } from '../auth/renewals.js';
import { issueToken, resolveToken, revokeToken } from '../auth/sessions.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { inTransaction } from '../db/pool.js';
import { registerRenewalRoute } from './renewalRoute.js';

/** Enrols (or finds) the workstation the token will be bound to; its ledger key is trusted on first use and pinned after. */
async function bindWorkstation(ctx: ServerContext, input: LoginRequest, account: Account): Promise<string> {
  const id = input.workstationId!;
  if (input.ledgerKey) parseVerifierKey(input.ledgerKey);
  await ctx.pool.query('INSERT INTO workstations (id, name, enabled, ledger_key) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
    id,
    input.workstationName ?? '',
    ctx.autoEnroll,
    input.ledgerKey ?? null,
  ]);
  const ws = (await ctx.pool.query<{ enabled: boolean; ledger_key: string | null }>('SELECT enabled, ledger_key FROM workstations WHERE id = $1', [id])).rows[0];
  if (!ws.enabled) {
    await audit(ctx.pool, { actor: account.username, workstationId: id, action: 'auth.login', subject: `workstation:${id}`, outcome: 'denied', detail: { why: 'workstation not enabled' } });
    throw new CourtError('SYNC_WORKSTATION_NOT_ENROLLED', { details: { workstationId: id } });
  }
  if (input.ledgerKey && ws.ledger_key === null) {
    await ctx.pool.query('UPDATE workstations SET ledger_key = $2 WHERE id = $1 AND ledger_key IS NULL', [id, input.ledgerKey]);
  } else if (input.ledgerKey && ws.ledger_key !== input.ledgerKey) {
    await audit(ctx.pool, { actor: account.username, workstationId: id, action: 'ledger.key-changed', subject: `workstation:${id}`, outcome: 'alarm', detail: { pinned: ws.ledger_key, offered: input.ledgerKey } });
    throw new CourtError('LEDGER_UNKNOWN_KEY', { message: '工作站的防篡改日志公钥与服务器登记的不一致', messageEn: 'Workstation ledger key differs from the pinned one', details: { workstationId: id } });
  }
  await ctx.pool.query('UPDATE workstations SET last_seen_at = now() WHERE id = $1', [id]);
  return id;
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/health', async () => ({ ok: true, instance: ctx.instance }));

  app.post('/api/login', async (request): Promise<LoginResponse> => {
    const input = LoginRequestSchema.parse(request.body);
    const denied = (why: string) =>
      audit(ctx.pool, { actor: input.username, workstationId: input.workstationId, action: 'auth.login', subject: `user:${input.username}`, outcome: 'denied', detail: { why, ip: request.ip } });
    try {
      await ctx.loginThrottle.check(input.username, request.ip);
    } catch (err) {
      await denied('locked after repeated failures');
      throw err;
    }
    let account: Account;
    try {
      account = await checkPassword(ctx.pool, input.username, input.password);
    } catch (err) {
      await denied('bad credentials');
      throw (await ctx.loginThrottle.failed(input.username, request.ip)) ?? err;
    }
    await ctx.loginThrottle.succeeded(input.username, request.ip);
    request.principal = { userId: account.id, username: account.username, displayName: account.displayName, roles: account.roles, workstationId: input.workstationId ?? null, expiresAt: new Date() };
    const workstationId = input.workstationId ? await bindWorkstation(ctx, input, account) : null;
    const { token, expiresAt } = await issueToken(ctx.pool, account.id, workstationId, ctx.tokenTtlSeconds);
    // The workstation keeps one renewal credential: a new login retires whatever it held before.
    const renewal = workstationId
      ? await inTransaction(ctx.pool, async (db) => {
          await revokeRenewals(db, workstationId, 'login');
          return issueRenewal(db, account.id, workstationId, ctx.renewalTtlSeconds);
        })
      : null;
    // A verifier of its own (fresh salt) rather than the server's stored hash: a stolen workstation
    // disk still allows offline guessing against it, but never yields the server's credential record.
    const offlineVerifier = input.offlineVerifier ? await hashPassword(input.password) : undefined;
    await audit(ctx.pool, { actor: account.username, workstationId, action: 'auth.login', subject: `user:${account.username}`, outcome: 'ok', detail: { offlineVerifier: Boolean(offlineVerifier), renewalExpiresAt: renewal?.expiresAt.toISOString() } });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: { username: account.username, displayName: account.displayName, roles: account.roles },
      workstationId,
      ...(offlineVerifier ? { offlineVerifier } : {}),
      ...(renewal ? { renewal: { token: renewal.token, expiresAt: renewal.expiresAt.toISOString() } } : {}),
    };
  });

  /** A fresh token with the same binding; the old one is revoked. */
  app.post('/api/token/refresh', async (request) => {
    const principal = await authenticate(ctx, request);
    const { token, expiresAt } = await issueToken(ctx.pool, principal.userId, principal.workstationId, ctx.tokenTtlSeconds);
    await revokeToken(ctx.pool, bearerToken(request)!);
    return { token, expiresAt: expiresAt.toISOString() };
  });

  registerRenewalRoute(app, ctx);

  /** Revokes the token and the workstation's renewal credentials; a workstation whose token lapsed signs out with its renewal credential. */
  app.post('/api/logout', async (request) => {
    const byRenewal = LogoutRequestSchema.parse(request.body ?? {});
    const token = bearerToken(request);
    const tokenLive = token !== null && (await resolveToken(ctx.pool, token)) !== null;
    const holder = !tokenLive && byRenewal.workstationId && byRenewal.renewalToken ? await renewalHolder(ctx.pool, byRenewal.workstationId, byRenewal.renewalToken) : null;
    if (holder) {
      request.principal = { ...holder, roles: [], workstationId: byRenewal.workstationId!, expiresAt: new Date() };
      await revokeRenewals(ctx.pool, byRenewal.workstationId!, 'logout');
      return { ok: true };
    }
    const principal = await authenticate(ctx, request);
    await revokeToken(ctx.pool, token!);
    if (principal.workstationId) await revokeRenewals(ctx.pool, principal.workstationId, 'logout');
    return { ok: true };
  });
}
