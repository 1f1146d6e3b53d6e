import { randomBytes } from 'node:crypto';
import type { RenewRequest } from '../../core/sync/protocol.js';
import { inTransaction, type Client, type Pool } from '../db/pool.js';
import { hashToken, issueToken, type Principal } from './sessions.js';

/**
 * A rotated credential presented again this soon, carrying the retry key of the renewal that rotated it, is
 * that client retrying after the answer was lost on a bad link, not a copy.
 */
const RETRY_GRACE_SECONDS = 120;

export interface Issued {
  token: string;
  expiresAt: Date;
}

export type RenewalRefusal = 'unknown' | 'other workstation' | 'expired' | 'revoked' | 'reused' | 'account disabled' | 'workstation disabled';

export type RenewalOutcome =
  | { ok: true; principal: Principal; access: Issued; renewal: Issued; retried: boolean }
  | { ok: false; why: RenewalRefusal; username: string | null; revoked: number };

/** Issued with a workstation-bound login: 32 random bytes for the workstation, their sha256 here. */
export async function issueRenewal(db: Pool | Client, userId: number, workstationId: string, ttlSeconds: number): Promise<Issued> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ expires_at: Date }>(
    'INSERT INTO renewal_credentials (credential_hash, user_id, workstation_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at',
    [hashToken(token), userId, workstationId, ttlSeconds],
  );
  return { token, expiresAt: rows[0].expires_at };
}

/** Revokes every live renewal credential of a workstation; returns how many there were. */
export async function revokeRenewals(db: Pool | Client, workstationId: string, why: 'login' | 'logout' | 'reuse'): Promise<number> {
  const res = await db.query('UPDATE renewal_credentials SET revoked_at = now(), revoked_why = $2 WHERE workstation_id = $1 AND revoked_at IS NULL', [workstationId, why]);
  return res.rowCount ?? 0;
}

/**
 * Who holds a credential of this workstation for signing out: live, or rotated (a sign-out racing the
 * workstation's own renewal), not expired. Presenting one can only ever revoke.
 */
export async function renewalHolder(pool: Pool, workstationId: string, renewalToken: string): Promise<{ userId: number; username: string; displayName: string } | null> {
  const { rows } = await pool.query<{ user_id: number; username: string; display_name: string }>(
    `SELECT r.user_id, u.username, u.display_name FROM renewal_credentials r JOIN users u ON u.id = r.user_id
      WHERE r.credential_hash = $1 AND r.workstation_id = $2 AND r.expires_at > now() AND (r.revoked_at IS NULL OR r.revoked_why = 'rotated')`,
    [hashToken(renewalToken), workstationId],
  );
  return rows[0] ? { userId: rows[0].user_id, username: rows[0].username, displayName: rows[0].display_name } : null;
}

interface PresentedRow {
  user_id: number;
  username: string;
  display_name: string;
  roles: string[] | null;
  user_disabled: boolean;
  workstation_id: string;
  workstation_enabled: boolean;
  expired: boolean;
  seconds_left: number;
  revoked: boolean;
  revoked_why: string | null;
  recently_revoked: boolean;
  replaced_by: Buffer | null;
  retry_key: string | null;
}

/**
 * Trades a renewal credential for a fresh token and a successor credential (same expiry: the password is
 * needed again at the latest when the login's renewal period ends). Runs in one transaction with the
 * presented row locked, so two instances given the same credential at once cannot both rotate it; a
 * refusal for reuse commits its revocations all the same.
 */
export function renew(pool: Pool, input: RenewRequest, tokenTtlSeconds: number): Promise<RenewalOutcome> {
  return inTransaction(pool, async (client) => {
    const presented = hashToken(input.renewalToken);
    const row = (
      await client.query<PresentedRow>(
        `SELECT r.user_id, u.username, u.display_name, u.disabled AS user_disabled, r.workstation_id, w.enabled AS workstation_enabled,
                r.expires_at <= now() AS expired, extract(epoch FROM r.expires_at - now())::float8 AS seconds_left,
                r.revoked_at IS NOT NULL AS revoked, r.revoked_why, r.replaced_by, r.retry_key,
                r.revoked_at > now() - make_interval(secs => $2) AS recently_revoked,
                (SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id) AS roles
           FROM renewal_credentials r
           JOIN users u ON u.id = r.user_id
           JOIN workstations w ON w.id = r.workstation_id
          WHERE r.credential_hash = $1
          FOR UPDATE OF r`,
        [presented, RETRY_GRACE_SECONDS],
      )
    ).rows[0];
    const refuse = (why: RenewalRefusal, revoked = 0): RenewalOutcome => ({ ok: false, why, username: row?.username ?? null, revoked });
    if (!row) return refuse('unknown');
    if (row.workstation_id !== input.workstationId) return refuse('other workstation');

    let retried = false;
    if (row.revoked) {
      if (row.revoked_why !== 'rotated') return refuse('revoked');
      retried = await isOwnRetry(client, row, input.retryKey);
      if (!retried) {
        // Both the workstation and whoever copied its credential would go on renewing: neither may.
        const revoked = await revokeRenewals(client, row.workstation_id, 'reuse');
        await client.query('UPDATE sessions SET revoked_at = now() WHERE workstation_id = $1 AND revoked_at IS NULL', [row.workstation_id]);
        return refuse('reused', revoked);
      }
    }
    if (row.expired) return refuse('expired');
    if (row.user_disabled) return refuse('account disabled');
    if (!row.workstation_enabled) return refuse('workstation disabled');

    const token = randomBytes(32).toString('base64url');
    const successor = hashToken(token);
    const { rows } = await client.query<{ expires_at: Date }>(
      `INSERT INTO renewal_credentials (credential_hash, user_id, workstation_id, expires_at)
       SELECT $1, user_id, workstation_id, expires_at FROM renewal_credentials WHERE credential_hash = $2 RETURNING expires_at`,
      [successor, presented],
    );
    // A retry also retires the successor whose answer was lost: nobody holds it, so it must never work.
    const rotated = retried ? [row.replaced_by!, presented] : [presented];
    await client.query(
      `UPDATE renewal_credentials SET revoked_at = coalesce(revoked_at, now()), revoked_why = 'rotated', replaced_by = $2, retry_key = $3
        WHERE credential_hash = ANY($1)`,
      [rotated, successor, input.retryKey ?? null],
    );
    const access = await issueToken(client, row.user_id, row.workstation_id, Math.max(1, Math.min(tokenTtlSeconds, Math.floor(row.seconds_left))));
    await client.query('UPDATE workstations SET last_seen_at = now() WHERE id = $1', [row.workstation_id]);
    const principal: Principal = {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles ?? [],
      workstationId: row.workstation_id,
      expiresAt: access.expiresAt,
    };
    return { ok: true, principal, access, renewal: { token, expiresAt: rows[0].expires_at }, retried };
  });
}

/** The same client's retry: same retry key, soon after, and the successor it never received still unused. */
async function isOwnRetry(client: Client, row: PresentedRow, retryKey: string | undefined): Promise<boolean> {
  if (!retryKey || row.retry_key !== retryKey || !row.recently_revoked || !row.replaced_by) return false;
  const { rows } = await client.query<{ live: boolean }>('SELECT revoked_at IS NULL AS live FROM renewal_credentials WHERE credential_hash = $1 FOR UPDATE', [
    row.replaced_by,
  ]);
  return rows[0]?.live === true;
}
