import { randomBytes } from 'node:crypto';
import { CourtError } from '../contract/index.js';
import type { Db } from '../store/database.js';
import type { SyncApi } from './apiClient.js';
import { RenewResponseSchema } from './protocol.js';
import { clearSyncState, getSyncState, setSyncState, workstationId } from './syncState.js';

export interface StoredRenewal {
  token: string;
  expiresAt: string;
}

/** The renewal credential from the last login (or renewal), while it has not expired. */
export function liveRenewal(db: Db, now = Date.now()): StoredRenewal | null {
  const token = getSyncState(db, 'renewal_token');
  const expiresAt = getSyncState(db, 'renewal_expires_at');
  if (!token || !expiresAt || !(Date.parse(expiresAt) > now)) return null;
  return { token, expiresAt };
}

/** Keeps the credential a login brought, or forgets an earlier one when it brought none. Call inside the login's transaction. */
export function keepRenewal(db: Db, renewal: StoredRenewal | undefined): void {
  if (renewal) {
    setSyncState(db, 'renewal_token', renewal.token);
    setSyncState(db, 'renewal_expires_at', renewal.expiresAt);
  } else {
    clearSyncState(db, 'renewal_token');
    clearSyncState(db, 'renewal_expires_at');
  }
}

/** Forgets the token and the renewal credential; the server address and user name stay for the next login. */
export function forgetSignIn(db: Db): void {
  db.transaction(() => {
    for (const key of ['token', 'token_expires_at', 'renewal_token', 'renewal_expires_at'] as const) clearSyncState(db, key);
  })();
}

/** Answers after which renewing can never work again: the operator has to type the password. */
const FINAL = new Set(['SYNC_RENEWAL_REFUSED', 'SYNC_WORKSTATION_NOT_ENROLLED']);

/**
 * Trades the renewal credential for a fresh token and its successor (the server rotates it: the one sent
 * stops working). A final refusal (expired, revoked, presented twice, account or workstation disabled)
 * forgets every credential here and goes up with its remedy.
 */
export async function renewAccess(db: Db, api: SyncApi, renewal: StoredRenewal): Promise<void> {
  // The same for SyncApi's retries of this call, so the server can tell a retry after a lost answer from a copy.
  const retryKey = randomBytes(16).toString('base64url');
  const stillHeld = () => getSyncState(db, 'renewal_token') === renewal.token;
  let fresh;
  try {
    fresh = await api.call('POST', '/api/token/renew', RenewResponseSchema, { workstationId: workstationId(db), renewalToken: renewal.token, retryKey });
  } catch (err) {
    if (err instanceof CourtError && FINAL.has(err.code) && stillHeld()) forgetSignIn(db);
    throw err;
  }
  db.transaction(() => {
    // Signed out (or in again) while the answer was on its way: that stands, and this answer is dropped.
    if (!stillHeld()) return;
    setSyncState(db, 'token', fresh.token);
    setSyncState(db, 'token_expires_at', fresh.expiresAt);
    keepRenewal(db, fresh.renewal);
  })();
}
