import { CourtError } from '../../core/contract/index.js';
import type { Pool } from '../db/pool.js';

export interface LoginThrottleConfig {
  /** Failures in a row (within the window) that lock a user name for one client address. */
  maxFailures: number;
  lockoutSeconds: number;
}

/** Failures further apart than this start a new count. */
const WINDOW_SECONDS = 15 * 60;

function throttled(waitSeconds: number, maxFailures: number): CourtError {
  const wait = Math.max(1, waitSeconds);
  const when = wait < 60 ? `${wait} 秒` : `${Math.ceil(wait / 60)} 分钟`;
  return new CourtError('SYNC_LOGIN_THROTTLED', {
    message: `登录失败次数过多（连续 ${maxFailures} 次），该账号在本机地址已暂时锁定，请 ${when}后再试`,
    messageEn: `Too many failed sign-ins (${maxFailures} in a row); try again in ${wait} s`,
    details: { retryAfterSeconds: wait },
  });
}

/**
 * Slows password guessing per (user name, client address), in PostgreSQL so every instance behind
 * the balancer counts the same failures. A locked pair is refused before the password is hashed,
 * so guessing also stops costing the server scrypt time.
 */
export class LoginThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly config: LoginThrottleConfig,
  ) {}

  /** Throws SYNC_LOGIN_THROTTLED while the pair is locked. */
  async check(username: string, address: string): Promise<void> {
    const { rows } = await this.pool.query<{ wait: number }>(
      'SELECT ceil(extract(epoch FROM locked_until - now()))::int AS wait FROM login_failures WHERE username = lower($1) AND address = $2 AND locked_until > now()',
      [username, address],
    );
    if (rows[0]) throw throttled(rows[0].wait, this.config.maxFailures);
  }

  /** Counts a failure; the one that reaches the limit locks the pair and is answered as throttled. */
  async failed(username: string, address: string): Promise<CourtError | null> {
    const { maxFailures, lockoutSeconds } = this.config;
    const { rows } = await this.pool.query<{ failures: number; wait: number | null }>(
      `INSERT INTO login_failures AS f (username, address, failures, locked_until)
         VALUES (lower($1), $2, 1, CASE WHEN $3::int <= 1 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (username, address) DO UPDATE SET
         failures = CASE WHEN f.last_at < now() - make_interval(secs => $5) OR f.locked_until IS NOT NULL THEN 1 ELSE f.failures + 1 END,
         last_at = now(),
         locked_until = CASE
           WHEN (CASE WHEN f.last_at < now() - make_interval(secs => $5) OR f.locked_until IS NOT NULL THEN 1 ELSE f.failures + 1 END) >= $3
           THEN now() + make_interval(secs => $4) END
       RETURNING failures, ceil(extract(epoch FROM locked_until - now()))::int AS wait`,
      [username, address, maxFailures, lockoutSeconds, WINDOW_SECONDS],
    );
    const wait = rows[0]?.wait;
    return typeof wait === 'number' ? throttled(wait, maxFailures) : null;
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE username = lower($1) AND address = $2', [username, address]);
  }

  /** Drops counts nobody has added to for a day (the periodic sweep). */
  async sweep(): Promise<void> {
    await this.pool.query("DELETE FROM login_failures WHERE last_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())");
  }
}
