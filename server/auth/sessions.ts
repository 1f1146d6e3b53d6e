import { createHash, randomBytes } from 'node:crypto';
import type { Client, Pool } from '../db/pool.js';

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  roles: string[];
  /** The workstation the token is bound to, or null for service accounts. */
  workstationId: string | null;
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Random bearer tokens checked against PostgreSQL, so any instance can serve any client. */
export async function issueToken(pool: Pool | Client, userId: number, workstationId: string | null, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await pool.query<{ expires_at: Date }>(
    "INSERT INTO sessions (token_hash, user_id, workstation_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at",
    [hashToken(token), userId, workstationId, ttlSeconds],
  );
  return { token, expiresAt: rows[0].expires_at };
}

/** The principal of a live token: not expired, not revoked, user enabled and, when bound, workstation enabled. */
export async function resolveToken(pool: Pool, token: string): Promise<Principal | null> {
  const { rows } = await pool.query<{
    user_id: number;
    username: string;
    display_name: string;
    roles: string[] | null;
    workstation_id: string | null;
    expires_at: Date;
  }>(
    `SELECT s.user_id, u.username, u.display_name, s.workstation_id, s.expires_at,
            (SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id) AS roles
       FROM sessions s
       JOIN users u ON u.id = s.user_id AND NOT u.disabled
       LEFT JOIN workstations w ON w.id = s.workstation_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        AND (s.workstation_id IS NULL OR w.enabled)`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r) return null;
  return { userId: r.user_id, username: r.username, displayName: r.display_name, roles: r.roles ?? [], workstationId: r.workstation_id, expiresAt: r.expires_at };
}

export async function revokeToken(pool: Pool, token: string): Promise<void> {
  await pool.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
}

/**
 * Forgets tokens and renewal credentials a day after they expired: no request can use them any
 * more, and a day is long enough for a rotated renewal credential presented again to still be
 * recognised as a copy rather than as unknown.
 */
export async function sweepExpiredCredentials(pool: Pool): Promise<{ sessions: number; renewals: number }> {
  const sessions = await pool.query("DELETE FROM sessions WHERE expires_at < now() - interval '1 day'");
  const renewals = await pool.query("DELETE FROM renewal_credentials WHERE expires_at < now() - interval '1 day'");
  return { sessions: sessions.rowCount ?? 0, renewals: renewals.rowCount ?? 0 };
}
