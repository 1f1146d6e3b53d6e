import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { CourtError, type Role, type SyncStatus } from '../../../core/contract/index.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { appendLeaf, checkpoint } from '../../../core/ledger/log.js';
import { enqueueDossierVersion } from '../../../core/sync/dossierVersion.js';
import { logout } from '../../../core/sync/session.js';
import { getSyncState, setSyncState } from '../../../core/sync/syncState.js';
import type { Db } from '../../../core/store/database.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { signedInWorkstation } from './workstation.js';

// Tokens live 2 s here, so a workstation "offline for longer than a token lives" takes seconds, not hours.
const tempDir = useTempDirs();
let pg: TestPostgres;
let server: ServerProcess;
let serverDir: string;
let clerkPassword: string;
const cores: CourtCore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  serverDir = mkdtempSync(join(tmpdir(), 'courtdesk-renewal-server-'));
  server = await spawnServer({ dataDir: serverDir, databaseUrl: pg.url, extra: ['--token-ttl', '2', '--login-max-failures', '3'] });
  clerkPassword = await addUser(server.url, await adminToken(server.url), 'clerk1', ['clerk']);
}, 120_000);

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
  if (serverDir) rmSync(serverDir, { recursive: true, force: true });
});

/** The desktop app's workstation; background drains 3 s apart, so the 2 s token lapses between them. */
function openWorkstation(): CourtCore {
  const core = openCourtCore({
    dataDir: tempDir(),
    host: 'web',
    version: 'test',
    sync: { intervalMs: 3_000, retry: { baseMs: 200, capMs: 1_000, attempts: 30 }, requestBackoff: { baseMs: 100, capMs: 300, attempts: 2 }, chunkSize: 64 * 1024 },
  });
  cores.push(core);
  return core;
}

async function call<T>(core: CourtCore, channel: string, input: unknown = {}, roles: Role[] = ['clerk']): Promise<T> {
  const envelope = await core.dispatch({ session: { userId: 1, username: 'clerk', displayName: '书记员', roles } }, channel, input);
  if (!envelope.ok) throw CourtError.fromData(envelope.error);
  return envelope.value as T;
}

const status = (core: CourtCore) => call<SyncStatus>(core, 'sync.status');

async function until<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

/** Waits until the token the store holds now has lapsed. */
async function tokenLapsed(db: Db): Promise<void> {
  const expiresAt = getSyncState(db, 'token_expires_at');
  if (expiresAt) await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 100);
}

async function queueVersion(core: CourtCore, dossierId: string, caseNumber: string, bytes: Buffer): Promise<void> {
  const ledger = await workstationLedger(core.dataDir);
  const sha256 = core.blobs.put(bytes);
  appendLeaf(core.db, 'export', `case:${caseNumber}`, Buffer.from(sha256, 'hex'));
  const cp = await checkpoint(core.db, ledger.signer, { origin: ledger.origin });
  core.db.transaction(() => enqueueDossierVersion(core.db, { dossierId, caseNumber, sha256, byteLength: bytes.length, pageCount: 3, checkpoint: cp.text }))();
}

async function versionsOnServer(dossierId: string): Promise<unknown[]> {
  const listed = await api<{ dossiers: { dossierId: string; versions: unknown[] }[] }>(server.url, 'GET', '/api/dossiers', { token: await adminToken(server.url) });
  return listed.body.dossiers.find((d) => d.dossierId === dossierId)?.versions ?? [];
}

type Refusal = { error: { code: string; message: string; remedy: string; details?: { why?: string } } };
type Renewed = { token: string; expiresAt: string; renewal: { token: string; expiresAt: string } };

const renewRaw = (workstationId: string, renewalToken: string, retryKey?: string) =>
  api<Renewed & Refusal>(server.url, 'POST', '/api/token/renew', { body: { workstationId, renewalToken, ...(retryKey ? { retryKey } : {}) } });

async function auditRows(outcome: 'ok' | 'denied' | 'alarm'): Promise<{ action: string; workstation_id: string | null; detail: { why?: string } }[]> {
  const res = await api<{ entries: { action: string; workstation_id: string | null; detail: { why?: string } }[] }>(server.url, 'GET', `/api/admin/audit?outcome=${outcome}&limit=1000`, {
    token: await adminToken(server.url),
  });
  return res.body.entries;
}

const item = (s: SyncStatus, dossierId: string) => s.queue.find((q) => q.dossierId === dossierId);

describe('renewing a workstation’s sign-in without the password (real PostgreSQL, 2 s tokens)', () => {
  it('after the token lapsed, the background sync renews it and uploads the queued version; the 同步 page stays connected', async () => {
    const core = openWorkstation();
    const connected = await call<SyncStatus>(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    expect(connected.signedIn).toBe(true);
    const renewalUntil = connected.renewalExpiresAt!;
    // Thirty days by default, far beyond the token.
    expect(Date.parse(renewalUntil) - Date.parse(connected.tokenExpiresAt!)).toBeGreaterThan(29 * 24 * 3600 * 1000);
    await until('the first drain', () => status(core), (s) => !s.running && s.lastAttemptAt !== null);
    const before = getSyncState(core.db, 'renewal_token');

    await tokenLapsed(core.db);
    const lapsed = await status(core);
    expect(lapsed).toMatchObject({ signedIn: true, renewalExpiresAt: renewalUntil });

    await queueVersion(core, 'renew-up-1', '（2024）苏0506民初701号', randomBytes(200_000));
    const done = await until('the background sync to upload it', () => status(core), (s) => item(s, 'renew-up-1')?.state === 'done' && !s.running);
    expect(done).toMatchObject({ signedIn: true, lastError: null, pending: 0, renewalExpiresAt: renewalUntil });
    expect(await versionsOnServer('renew-up-1')).toHaveLength(1);
    // Renewed on the way, with the credential rotated; the server audited it.
    expect(getSyncState(core.db, 'renewal_token')).not.toBe(before);
    const renewed = (await auditRows('ok')).filter((e) => e.action === 'auth.renew' && e.workstation_id === done.workstationId);
    expect(renewed.length).toBeGreaterThan(0);
  });

  it('a renewal credential works once; presented again it revokes them all, and the page asks to connect again with the remedy', async () => {
    const core = openWorkstation();
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    await until('the first drain', () => status(core), (s) => !s.running && s.lastAttemptAt !== null);
    const used = getSyncState(core.db, 'renewal_token')!;
    await tokenLapsed(core.db);
    await until('a renewal', () => getSyncState(core.db, 'renewal_token'), (t) => t !== used);
    const ws = (await status(core)).workstationId;

    // Someone replays the used one (a copy of the data directory, say).
    const replay = await renewRaw(ws, used);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED', message: expect.stringContaining('盗用'), details: { why: 'reused' } });
    expect((await auditRows('alarm')).some((e) => e.action === 'auth.renew' && e.workstation_id === ws && e.detail.why === 'reused')).toBe(true);

    // The workstation's own credential went with it: its next sync is refused, and it forgets its credentials.
    await queueVersion(core, 'renew-theft-1', '（2024）苏0506民初702号', randomBytes(50_000));
    const refused = await until('the refusal', () => status(core), (s) => !s.signedIn && s.lastError !== null);
    expect(refused.lastError).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED', remedy: expect.stringContaining('重新输入密码') });
    expect(refused).toMatchObject({ renewalExpiresAt: null, tokenExpiresAt: null, server: server.url });
    expect(item(refused, 'renew-theft-1')?.state).not.toBe('done');
    expect(getSyncState(core.db, 'renewal_token')).toBeNull();
    expect(getSyncState(core.db, 'token')).toBeNull();
    await expect(call(core, 'sync.syncNow')).rejects.toMatchObject({ code: 'SYNC_NOT_SIGNED_IN' });

    // The password again, and the queue goes on.
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    await until('the version after connecting again', () => status(core), (s) => item(s, 'renew-theft-1')?.state === 'done');
  });

  it('断开 and `courtdesk logout` revoke the renewal credential on the server and forget it here, even after the token lapsed', async () => {
    const core = openWorkstation();
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    await until('the first drain', () => status(core), (s) => !s.running && s.lastAttemptAt !== null);
    const held = getSyncState(core.db, 'renewal_token')!;
    const ws = (await status(core)).workstationId;
    const disconnected = await call<SyncStatus>(core, 'sync.disconnect');
    expect(disconnected).toMatchObject({ signedIn: false, renewalExpiresAt: null });
    expect(getSyncState(core.db, 'renewal_token')).toBeNull();
    expect((await renewRaw(ws, held)).body.error).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED', details: { why: 'revoked' } });

    // The CLI's logout on a workstation that has been offline past its token: the renewal credential signs it out.
    const cli = await signedInWorkstation(tempDir(), server.url, 'clerk1', clerkPassword);
    const cliRenewal = getSyncState(cli.db, 'renewal_token')!;
    await tokenLapsed(cli.db);
    expect(await logout(cli.db)).toEqual({ revoked: true });
    expect(getSyncState(cli.db, 'renewal_token')).toBeNull();
    expect((await renewRaw(cli.id, cliRenewal)).body.error).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED', details: { why: 'revoked' } });
    cli.close();
  });

  it('another workstation cannot use it, and copying it there gets that workstation nothing', async () => {
    const a = await signedInWorkstation(tempDir(), server.url, 'clerk1', clerkPassword);
    const b = await signedInWorkstation(tempDir(), server.url, 'clerk1', clerkPassword);
    const aRenewal = getSyncState(a.db, 'renewal_token')!;
    const elsewhere = await renewRaw(b.id, aRenewal);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.error).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED', details: { why: 'other workstation' } });

    // B's store holding A's credential, its own token lapsed: its sync is refused and B forgets the stolen credential.
    b.db.transaction(() => {
      setSyncState(b.db, 'renewal_token', aRenewal);
      setSyncState(b.db, 'renewal_expires_at', getSyncState(a.db, 'renewal_expires_at')!);
    })();
    await tokenLapsed(b.db);
    const report = await b.client().sync({ pull: false });
    expect(report.error).toMatchObject({ code: 'SYNC_RENEWAL_REFUSED' });
    expect(getSyncState(b.db, 'renewal_token')).toBeNull();

    // A's credential was not spent by that: A renews and uploads.
    await a.export({ dossierId: 'renew-a-1', caseNumber: '（2024）苏0506民初703号', bytes: randomBytes(30_000), pageCount: 1 });
    await tokenLapsed(a.db);
    const ok = await a.client().sync({ pull: false });
    expect(ok.error).toBeUndefined();
    expect(ok.uploaded).toHaveLength(1);
    expect(getSyncState(a.db, 'renewal_token')).not.toBe(aRenewal);
    a.close();
    b.close();
  });

  it('tells the client’s own retry of a renewal from a copy, and refuses a disabled workstation', async () => {
    const login = await api<{ renewal: { token: string } }>(server.url, 'POST', '/api/login', {
      body: { username: 'clerk1', password: clerkPassword, workstationId: 'ws-renew-retry-1' },
    });
    const r0 = login.body.renewal.token;
    // The answer to the first try is lost on the way; the retry carries the same key and gets a fresh pair.
    const first = await renewRaw('ws-renew-retry-1', r0, 'retry-key-000000001');
    const retried = await renewRaw('ws-renew-retry-1', r0, 'retry-key-000000001');
    expect([first.status, retried.status]).toEqual([200, 200]);
    // Nobody received the first answer's credential: it never works.
    expect((await renewRaw('ws-renew-retry-1', first.body.renewal.token)).body.error.details).toEqual({ why: 'reused' });

    const again = await api<{ renewal: { token: string } }>(server.url, 'POST', '/api/login', {
      body: { username: 'clerk1', password: clerkPassword, workstationId: 'ws-renew-retry-1' },
    });
    const r1 = again.body.renewal.token;
    const next = await renewRaw('ws-renew-retry-1', r1, 'retry-key-000000002');
    expect(next.status).toBe(200);
    // Another key is not a retry: a copy, so everything of the workstation goes.
    expect((await renewRaw('ws-renew-retry-1', r1, 'retry-key-000000003')).body.error.details).toEqual({ why: 'reused' });
    expect((await renewRaw('ws-renew-retry-1', next.body.renewal.token)).body.error.details).toEqual({ why: 'revoked' });

    const third = await api<{ renewal: { token: string } }>(server.url, 'POST', '/api/login', {
      body: { username: 'clerk1', password: clerkPassword, workstationId: 'ws-renew-retry-1' },
    });
    await api(server.url, 'PUT', '/api/admin/workstations/ws-renew-retry-1', { token: await adminToken(server.url), body: { enabled: false } });
    const disabled = await renewRaw('ws-renew-retry-1', third.body.renewal.token);
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.code).toBe('SYNC_WORKSTATION_NOT_ENROLLED');
  });

  it('locks renewal for a workstation after repeated failures, as it does sign-ins, and audits each', async () => {
    const bogus = () => renewRaw('ws-renew-guess-1', randomBytes(32).toString('base64url'));
    expect((await bogus()).status).toBe(401);
    expect((await bogus()).status).toBe(401);
    expect((await bogus()).status).toBe(401);
    const locked = await bogus();
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('SYNC_LOGIN_THROTTLED');
    const denied = (await auditRows('denied')).filter((e) => e.action === 'auth.renew' && e.workstation_id === 'ws-renew-guess-1');
    expect(denied.map((e) => e.detail.why)).toEqual(['locked after repeated failures', 'unknown', 'unknown', 'unknown']);
  });
});
