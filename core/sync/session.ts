import { z } from 'zod';
import { CourtError, type Session } from '../contract/index.js';
import { RoleSchema } from '../contract/roles.js';
import { verifyPassword } from '../auth/password.js';
import type { Db } from '../store/database.js';
import { SyncApi, normaliseServerUrl, type ServerConnection } from './apiClient.js';
import { LoginResponseSchema, type LoginResponse } from './protocol.js';
import { forgetSignIn, keepRenewal, liveRenewal, renewAccess } from './renewal.js';
import { clearSyncState, getSyncState, setSyncState, workstationId } from './syncState.js';

export interface StoredSession {
  serverUrl: string;
  token: string;
  expiresAt: string;
  username: string;
  workstationId: string;
}

export interface LoginResult {
  server: string;
  workstationId: string;
  user: LoginResponse['user'];
  expiresAt: string;
  /** Until then background sync renews the token without the password (null: the server issued no renewal credential). */
  renewalExpiresAt: string | null;
  offlineVerifierCached: boolean;
}

/**
 * Someone is waiting at the login prompt: no retries, a short connect timeout, and time enough
 * for the server's two scrypt runs (password check, offline verifier).
 */
const interactive = { backoff: { baseMs: 0, capMs: 0, attempts: 0 }, connectTimeoutMs: 3_000, timeoutMs: 20_000 } as const;

const LOGIN_UNREACHABLE_REMEDY = '请核对服务器地址和端口（如 http://10.1.2.3:8420），确认服务器已启动、本机网络已连通后再登录；未联网时可先离线工作，数据保存在本机';

/**
 * Signs in to the court server for this workstation and keeps the short-lived token and the
 * renewal credential in the store. With `offline` (default) the server also issues a scrypt
 * verifier, cached so the user can sign in on this workstation while the server is unreachable.
 */
export async function login(
  db: Db,
  opts: ServerConnection & { username: string; password: string; workstationName?: string; ledgerKey?: string; offline?: boolean },
): Promise<LoginResult> {
  const server = normaliseServerUrl(opts.url);
  const ws = workstationId(db);
  const api = new SyncApi({ url: server, ca: opts.ca, workstationId: ws, ...interactive });
  try {
    const res = await api
      .call('POST', '/api/login', LoginResponseSchema, {
        username: opts.username,
        password: opts.password,
        workstationId: ws,
        ...(opts.workstationName ? { workstationName: opts.workstationName } : {}),
        ...(opts.ledgerKey ? { ledgerKey: opts.ledgerKey } : {}),
        offlineVerifier: opts.offline ?? true,
      })
      .catch((err: unknown) => {
        if (err instanceof CourtError && err.code === 'SYNC_UNREACHABLE') {
          throw new CourtError('SYNC_UNREACHABLE', { message: err.message, messageEn: err.messageEn, remedy: LOGIN_UNREACHABLE_REMEDY, details: err.details });
        }
        throw err;
      });
    db.transaction(() => {
      setSyncState(db, 'server_url', server);
      setSyncState(db, 'token', res.token);
      setSyncState(db, 'token_expires_at', res.expiresAt);
      setSyncState(db, 'username', res.user.username);
      keepRenewal(db, res.renewal);
      if (res.offlineVerifier) {
        db.prepare(
          `INSERT INTO sync_offline_verifiers (username, display_name, roles_json, verifier, server_url) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, roles_json = excluded.roles_json,
             verifier = excluded.verifier, server_url = excluded.server_url, cached_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
        ).run(res.user.username, res.user.displayName, JSON.stringify(res.user.roles), res.offlineVerifier, server);
      }
    })();
    return {
      server,
      workstationId: ws,
      user: res.user,
      expiresAt: res.expiresAt,
      renewalExpiresAt: res.renewal?.expiresAt ?? null,
      offlineVerifierCached: Boolean(res.offlineVerifier),
    };
  } finally {
    api.close();
  }
}

export function storedSession(db: Db): StoredSession | null {
  const serverUrl = getSyncState(db, 'server_url');
  const token = getSyncState(db, 'token');
  const expiresAt = getSyncState(db, 'token_expires_at');
  const username = getSyncState(db, 'username');
  if (!serverUrl || !token || !expiresAt || !username) return null;
  return { serverUrl, token, expiresAt, username, workstationId: workstationId(db) };
}

/** Holds a live token or a live renewal credential: background sync can go on without the password. */
export function hasSignIn(db: Db, now = Date.now()): boolean {
  const session = storedSession(db);
  return (session !== null && Date.parse(session.expiresAt) > now) || liveRenewal(db, now) !== null;
}

/**
 * Signs the workstation out of the court server: the token and the workstation's renewal credentials
 * are revoked there when the server can be reached (with the renewal credential when the token has
 * lapsed), and forgotten here in any case. The server address and user name stay for the next login.
 */
export async function logout(db: Db, opts: { ca?: string | Buffer } = {}): Promise<{ revoked: boolean }> {
  const session = storedSession(db);
  const renewal = liveRenewal(db);
  const serverUrl = getSyncState(db, 'server_url');
  if ((!session && !renewal) || !serverUrl) {
    forgetSignIn(db);
    return { revoked: false };
  }
  const ws = workstationId(db);
  const api = new SyncApi({ url: serverUrl, ca: opts.ca, workstationId: ws, token: () => session?.token ?? null, ...interactive });
  let revoked = false;
  try {
    await api.call('POST', '/api/logout', z.object({ ok: z.literal(true) }), renewal ? { workstationId: ws, renewalToken: renewal.token } : undefined);
    revoked = true;
  } catch {
    // Unreachable (the credentials then lapse at their expiry) or already refused: forgotten here all the same.
  } finally {
    api.close();
    forgetSignIn(db);
  }
  return { revoked };
}

/** Drops the token (revoked or expired); a live renewal credential still gets a new one without the password. */
export function forgetToken(db: Db): void {
  db.transaction(() => {
    clearSyncState(db, 'token');
    clearSyncState(db, 'token_expires_at');
  })();
}

const TokenAnswer = z.object({ token: z.string(), expiresAt: z.string() });
/** A token with less left than this is swapped while still valid, so a long upload outlives it. */
const REFRESH_WHEN_LEFT_MS = 15 * 60 * 1000;
/** Closer to its expiry than this a token is renewed instead: the next request might otherwise arrive after it. */
const RENEW_WHEN_LEFT_MS = 60 * 1000;

const isNotAuthenticated = (err: unknown) => err instanceof CourtError && err.code === 'NOT_AUTHENTICATED';

/**
 * Before a request: keeps the token fresh. A token with little life left is swapped for a fresh one
 * (the renewal credential untouched); a lapsed or nearly lapsed one, or one the server no longer knows,
 * is renewed with the renewal credential, so a workstation offline for days syncs again without the password.
 */
export async function ensureAccess(db: Db, api: SyncApi, now = Date.now()): Promise<void> {
  const session = storedSession(db);
  const left = session ? Date.parse(session.expiresAt) - now : 0;
  if (left > REFRESH_WHEN_LEFT_MS) return;
  const renewal = liveRenewal(db, now);
  if (left > (renewal ? RENEW_WHEN_LEFT_MS : 0)) {
    try {
      const fresh = await api.call('POST', '/api/token/refresh', TokenAnswer);
      db.transaction(() => {
        setSyncState(db, 'token', fresh.token);
        setSyncState(db, 'token_expires_at', fresh.expiresAt);
      })();
      return;
    } catch (err) {
      if (!renewal || !isNotAuthenticated(err)) throw err;
    }
  }
  if (renewal) await renewAccess(db, api, renewal);
}

/** Signs in against the verifier cached at the last online login; the same scrypt check the server does. */
export async function offlineLogin(db: Db, username: string, password: string): Promise<Session> {
  const row = db.prepare('SELECT username, display_name, roles_json, verifier FROM sync_offline_verifiers WHERE username = ?').get(username) as
    | { username: string; display_name: string; roles_json: string; verifier: string }
    | undefined;
  if (!row) throw new CourtError('SYNC_OFFLINE_NO_VERIFIER', { details: { username } });
  if (!(await verifyPassword(password, row.verifier))) throw new CourtError('BAD_CREDENTIALS');
  // Server-only roles (cms) have no meaning on a workstation.
  const roles = (JSON.parse(row.roles_json) as string[]).flatMap((r) => (RoleSchema.safeParse(r).success ? [RoleSchema.parse(r)] : []));
  return { userId: 0, username: row.username, displayName: row.display_name, roles };
}
