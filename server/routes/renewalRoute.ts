import type { FastifyInstance } from 'fastify';
import { CourtError } from '../../core/contract/index.js';
import { RenewRequestSchema, type RenewResponse } from '../../core/sync/protocol.js';
import { renew, type RenewalRefusal } from '../auth/renewals.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';

/** What the workstation's operator is told; the reason also goes to the audit row. */
function refusal(why: RenewalRefusal, workstationId: string): CourtError {
  if (why === 'workstation disabled') return new CourtError('SYNC_WORKSTATION_NOT_ENROLLED', { details: { workstationId } });
  const said: Partial<Record<RenewalRefusal, { message: string; messageEn: string; remedy?: string }>> = {
    reused: {
      message: '免密续期凭据已被使用过，可能已被复制盗用：服务器已吊销本工作站的全部续期凭据并告警',
      messageEn: 'The renewal credential was used before and may have been copied; all renewal credentials of this workstation are revoked',
      remedy: '请重新输入密码连接，并通知服务器管理员核查本工作站（数据目录可能被复制）',
    },
    expired: { message: '免密续期凭据已到期（距上次输入密码登录已超过续期期限）', messageEn: 'The renewal credential has expired' },
    revoked: { message: '免密续期凭据已被吊销（已退出登录，或本工作站已重新登录）', messageEn: 'The renewal credential was revoked' },
    'account disabled': { message: '服务器账号已停用，不能续期', messageEn: 'The server account is disabled', remedy: '请联系服务器管理员' },
  };
  return new CourtError('SYNC_RENEWAL_REFUSED', { ...said[why], details: { why } });
}

/**
 * POST /api/token/renew: the renewal credential instead of the password, for the workstation it was issued to.
 * Failures count towards the same lock as failed logins (keyed by workstation and address) and are audited;
 * a rotated credential presented again is an alarm.
 */
export function registerRenewalRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/token/renew', async (request): Promise<RenewResponse> => {
    const input = RenewRequestSchema.parse(request.body);
    const throttleKey = `renewal:${input.workstationId}`;
    const record = (outcome: 'ok' | 'denied' | 'alarm', actor: string, detail: Record<string, unknown>) =>
      audit(ctx.pool, { actor, workstationId: input.workstationId, action: 'auth.renew', subject: `workstation:${input.workstationId}`, outcome, detail: { ...detail, ip: request.ip, instance: ctx.instance } });
    try {
      await ctx.loginThrottle.check(throttleKey, request.ip);
    } catch (err) {
      await record('denied', 'anonymous', { why: 'locked after repeated failures' });
      throw err;
    }
    const result = await renew(ctx.pool, input, ctx.tokenTtlSeconds);
    if (!result.ok) {
      await record(result.why === 'reused' ? 'alarm' : 'denied', result.username ?? 'anonymous', { why: result.why, revoked: result.revoked });
      // Counted for the next attempt; this one is answered with its reason, which tells the workstation to stop.
      await ctx.loginThrottle.failed(throttleKey, request.ip);
      throw refusal(result.why, input.workstationId);
    }
    await ctx.loginThrottle.succeeded(throttleKey, request.ip);
    request.principal = result.principal;
    await record('ok', result.principal.username, { retried: result.retried });
    return {
      token: result.access.token,
      expiresAt: result.access.expiresAt.toISOString(),
      renewal: { token: result.renewal.token, expiresAt: result.renewal.expiresAt.toISOString() },
    };
  });
}
