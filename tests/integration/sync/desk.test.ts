import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { CourtError, type Role, type SyncConflict, type SyncStatus } from '../../../core/contract/index.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { appendLeaf, checkpoint } from '../../../core/ledger/log.js';
import { acquireDrainLease, releaseDrainLease } from '../../../core/sync/drainLease.js';
import { enqueueDossierVersion } from '../../../core/sync/dossierVersion.js';
import { serverCaFile } from '../../../core/sync/serverCa.js';
import { courtdesk } from '../../helpers/cli.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { ADMIN_PASSWORD, addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { selfSignedCert } from './selfSignedCert.js';

const tempDir = useTempDirs();
let pg: TestPostgres;
let server: ServerProcess;
let serverDir: string;
let admin: string;
let clerkPassword: string;
let cmsToken: string;
const cores: CourtCore[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  serverDir = tempDir();
  server = await spawnServer({ dataDir: serverDir, databaseUrl: pg.url });
  admin = await adminToken(server.url);
  clerkPassword = await addUser(server.url, admin, 'clerk1', ['clerk']);
  const cmsPassword = await addUser(server.url, admin, 'cms', ['cms']);
  cmsToken = (await api<{ token: string }>(server.url, 'POST', '/api/login', { body: { username: 'cms', password: cmsPassword } })).body.token;
}, 120_000);

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
});

/** A workstation as the desktop app opens it, syncing in the background; short waits so the test does not idle. */
function openWorkstation(opts: { bandwidthLimit?: number } = {}): CourtCore {
  const core = openCourtCore({
    dataDir: tempDir(),
    host: 'web',
    version: 'test',
    sync: {
      intervalMs: 60_000,
      retry: { baseMs: 200, capMs: 1_000, attempts: 30 },
      requestBackoff: { baseMs: 100, capMs: 300, attempts: 2 },
      chunkSize: 256 * 1024,
      bandwidthLimit: opts.bandwidthLimit,
    },
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

async function until(core: CourtCore, what: string, ok: (s: SyncStatus) => boolean, timeoutMs = 30_000): Promise<SyncStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(core);
    if (ok(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last status: ${JSON.stringify({ ...s, queue: s.queue.map((q) => ({ ...q, error: q.error?.code })) })}`);
    await sleep(100);
  }
}

/** An exported e-dossier as the export leaves it: bytes in the store, a leaf in the real ledger with a signed checkpoint, and the outbox row. */
async function queueVersion(core: CourtCore, dossierId: string, caseNumber: string, bytes: Buffer): Promise<string> {
  const ledger = await workstationLedger(core.dataDir);
  const sha256 = core.blobs.put(bytes);
  appendLeaf(core.db, 'export', `case:${caseNumber}`, Buffer.from(sha256, 'hex'));
  const cp = await checkpoint(core.db, ledger.signer, { origin: ledger.origin });
  core.db.transaction(() => enqueueDossierVersion(core.db, { dossierId, caseNumber, sha256, byteLength: bytes.length, pageCount: 4, checkpoint: cp.text }))();
  return sha256;
}

async function versionsOnServer(dossierId: string): Promise<{ sha256: string; versionNo: number }[]> {
  const listed = await api<{ dossiers: { dossierId: string; versions: { sha256: string; versionNo: number }[] }[] }>(server.url, 'GET', '/api/dossiers', { token: admin });
  return listed.body.dossiers.find((d) => d.dossierId === dossierId)?.versions ?? [];
}

const item = (s: SyncStatus, dossierId: string) => s.queue.find((q) => q.dossierId === dossierId);

describe('the 同步 desk against the court server (real PostgreSQL)', () => {
  it('connects from the UI, then uploads the queued version in the background with its progress, exactly once', async () => {
    const core = openWorkstation({ bandwidthLimit: 4 * 1024 * 1024 });
    const sha256 = await queueVersion(core, 'desk-up-1', '（2024）苏0506民初501号', randomBytes(2 * 1024 * 1024));
    const before = await status(core);
    expect(before).toMatchObject({ signedIn: false, connection: 'unknown', pending: 1 });
    expect(item(before, 'desk-up-1')).toMatchObject({ state: 'waiting', bytesDone: 0, bytesTotal: 2 * 1024 * 1024, versionNo: null });

    const seen: SyncStatus[] = [];
    core.events.on('sync.state', (s) => seen.push(s));
    const connected = await call<SyncStatus>(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    expect(connected).toMatchObject({ server: server.url, username: 'clerk1', signedIn: true, connection: 'online', lastError: null });

    const done = await until(core, 'the version to be confirmed', (s) => item(s, 'desk-up-1')?.state === 'done' && !s.running);
    expect(item(done, 'desk-up-1')).toMatchObject({ versionNo: 1, bytesDone: 2 * 1024 * 1024, sha256 });
    expect(done).toMatchObject({ pending: 0, running: false, connection: 'online' });
    // The page's progress bar had something between empty and full to show.
    const partial = seen.map((s) => item(s, 'desk-up-1')).filter((q) => q?.state === 'uploading' && q.bytesDone > 0 && q.bytesDone < q.bytesTotal);
    expect(partial.length).toBeGreaterThan(0);
    expect(await versionsOnServer('desk-up-1')).toEqual([expect.objectContaining({ sha256, versionNo: 1 })]);
  });

  it('talks HTTPS to a court server with its own CA once the administrator puts server-ca.pem in the data directory', async () => {
    const { cert, key } = selfSignedCert();
    const dir = tempDir();
    writeFileSync(join(dir, 'tls.crt'), cert);
    writeFileSync(join(dir, 'tls.key'), key);
    const tls = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url, extra: ['--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')] });
    try {
      const core = openWorkstation();
      const sha256 = await queueVersion(core, 'desk-tls-1', '（2024）苏0506民初509号', randomBytes(300_000));
      const untrusted = call(core, 'sync.connect', { server: tls.url, username: 'clerk1', password: clerkPassword });
      await expect(untrusted).rejects.toMatchObject({ code: 'SYNC_TLS_UNTRUSTED', remedy: expect.stringContaining('server-ca.pem') });
      writeFileSync(serverCaFile(core.dataDir), cert);
      await call(core, 'sync.connect', { server: tls.url, username: 'clerk1', password: clerkPassword });
      const done = await until(core, 'the version over HTTPS', (s) => item(s, 'desk-tls-1')?.state === 'done' && !s.running);
      expect(item(done, 'desk-tls-1')).toMatchObject({ versionNo: 1, sha256 });
    } finally {
      await tls.kill('SIGTERM');
    }
  });

  it('refuses a wrong password with the server’s message, and is open to clerks and administrators only', async () => {
    const core = openWorkstation();
    await expect(call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: 'not-the-password' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await status(core)).toMatchObject({ signedIn: false });
    await expect(call(core, 'sync.status', {}, ['scanner'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(core, 'sync.status', {}, ['admin'])).resolves.toMatchObject({ signedIn: false });
    await expect(call(core, 'sync.syncNow')).rejects.toMatchObject({ code: 'SYNC_NO_SERVER' });

    // The server's administrator account may sign in but not upload: the page says which account to use.
    await call(core, 'sync.connect', { server: server.url, username: 'admin', password: ADMIN_PASSWORD });
    const refused = await until(core, 'the refusal', (s) => !s.running && s.lastError !== null);
    expect(refused.lastError).toMatchObject({ code: 'SYNC_ACCOUNT_NOT_ALLOWED', remedy: expect.stringContaining('书记员') });
    expect(refused.connection).toBe('online');
  });

  it('pause stops the transfer where it is; resume continues it to one complete version', async () => {
    const core = openWorkstation({ bandwidthLimit: 2 * 1024 * 1024 });
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    const sha256 = await queueVersion(core, 'desk-pause-1', '（2024）苏0506民初502号', randomBytes(8 * 1024 * 1024));
    await call(core, 'sync.syncNow');
    await until(core, 'a megabyte on its way', (s) => (item(s, 'desk-pause-1')?.bytesDone ?? 0) >= 1024 * 1024);

    const paused = await call<SyncStatus>(core, 'sync.pause');
    expect(paused.paused).toBe(true);
    // What the server holds of the upload stops growing.
    const uploadPath = (core.db.prepare('SELECT upload_url FROM sync_uploads').get() as { upload_url: string }).upload_url;
    const token = (core.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }).value;
    const offset = async () => {
      const head = await fetch(server.url + uploadPath, {
        method: 'HEAD',
        headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}`, 'courtdesk-workstation': paused.workstationId },
      });
      return Number(head.headers.get('upload-offset'));
    };
    await sleep(300);
    const first = await offset();
    await sleep(1_000);
    expect(await offset()).toBe(first);
    expect(first).toBeLessThan(8 * 1024 * 1024);
    expect(await versionsOnServer('desk-pause-1')).toEqual([]);
    expect(item(await status(core), 'desk-pause-1')?.state).not.toBe('done');
    // The pause outlives a click on 立即同步.
    await expect(call(core, 'sync.syncNow')).rejects.toMatchObject({ code: 'SYNC_PAUSED' });

    expect((await call<SyncStatus>(core, 'sync.resume')).paused).toBe(false);
    await until(core, 'the version to be confirmed', (s) => item(s, 'desk-pause-1')?.state === 'done', 60_000);
    expect(await versionsOnServer('desk-pause-1')).toEqual([expect.objectContaining({ sha256, versionNo: 1 })]);
  });

  it('never drains twice at once: `courtdesk sync` in another process waits for the desk, and the desk for it', async () => {
    const core = openWorkstation({ bandwidthLimit: 1024 * 1024 });
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    await queueVersion(core, 'desk-lease-1', '（2024）苏0506民初503号', randomBytes(4 * 1024 * 1024));
    await call(core, 'sync.syncNow');
    await until(core, 'the upload to start', (s) => item(s, 'desk-lease-1')?.state === 'uploading');
    await call(core, 'sync.pause');

    const cli = await courtdesk(['--data-dir', core.dataDir, 'sync', '--json']);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, error: { code: 'SYNC_BUSY', message: expect.stringContaining('工作站界面的后台同步') } });

    await call(core, 'sync.resume');
    // The drain goes on to pull assignments after the upload: wait for it to let go of the lease.
    await until(core, 'the version to be confirmed', (s) => item(s, 'desk-lease-1')?.state === 'done' && !s.running, 60_000);

    // Now another drain holds the store: the desk says so and leaves the queue alone.
    acquireDrainLease(core.db, 'other-process', 'courtdesk sync');
    await queueVersion(core, 'desk-lease-2', '（2024）苏0506民初503号', randomBytes(100_000));
    await call(core, 'sync.syncNow');
    const waiting = await until(core, 'the drain to give way', (s) => !s.running);
    expect(waiting.elsewhere).toMatchObject({ label: 'courtdesk sync', pid: process.pid });
    expect(waiting.lastError).toBeNull();
    expect(item(waiting, 'desk-lease-2')?.state).toBe('waiting');
    releaseDrainLease(core.db, 'other-process');
    await call(core, 'sync.syncNow');
    await until(core, 'the second version to be confirmed', (s) => item(s, 'desk-lease-2')?.state === 'done');
  });

  it('lists assignment conflicts with the rule that decided them', async () => {
    const core = openWorkstation();
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    const number = '(2024)苏0506民初504号';
    const push = (title: string) =>
      api(server.url, 'PUT', '/api/assignments', {
        token: cmsToken,
        body: { cases: [{ number, title, parties: [{ role: '原告', name: '张三' }], judges: [], assignees: [{ kind: 'user', id: 'clerk1' }] }] },
      });
    expect((await push('张三诉李四借款合同纠纷')).status).toBe(200);
    await call(core, 'sync.syncNow');
    await until(core, 'the assignment to arrive', (s) => !s.running && s.lastAttemptAt !== null && core.db.prepare('SELECT 1 FROM cases').get() !== undefined);
    core.db.prepare('UPDATE cases SET title = ?').run('本机改过的案由');
    expect((await push('法院改过的案由')).status).toBe(200);
    await call(core, 'sync.syncNow');
    const conflicts = await (async () => {
      for (;;) {
        const c = await call<SyncConflict[]>(core, 'sync.conflicts');
        if (c.length > 0) return c;
        await sleep(100);
      }
    })();
    expect(conflicts).toEqual([
      { caseNumber: '（2024）苏0506民初504号', field: 'title', local: '本机改过的案由', server: '法院改过的案由', rule: 'server-wins', detectedAt: expect.any(String) },
    ]);
    expect(core.db.prepare('SELECT title FROM cases').pluck().get()).toBe('法院改过的案由');
  });

  it('shows offline with the remedy when the server stops, and catches up by itself when it returns', async () => {
    const core = openWorkstation();
    await call(core, 'sync.connect', { server: server.url, username: 'clerk1', password: clerkPassword });
    await until(core, 'the first drain to end', (s) => !s.running);
    const port = server.port;
    await server.kill('SIGKILL');

    await queueVersion(core, 'desk-offline-1', '（2024）苏0506民初505号', randomBytes(300_000));
    await call(core, 'sync.syncNow');
    const offline = await until(core, 'offline', (s) => s.connection === 'offline');
    expect(offline.lastError).toMatchObject({ code: 'SYNC_UNREACHABLE', remedy: expect.stringContaining('断点续传') });
    expect(offline.lastError?.message).toContain(`无法连接法院服务器 ${server.url}`);
    expect(item(offline, 'desk-offline-1')).toMatchObject({ state: 'failed', error: { code: 'SYNC_UNREACHABLE' } });
    expect(offline.nextAttemptAt).not.toBeNull();

    server = await spawnServer({ dataDir: serverDir, databaseUrl: pg.url, port });
    const back = await until(core, 'the version to arrive after the server returned', (s) => item(s, 'desk-offline-1')?.state === 'done', 60_000);
    expect(back).toMatchObject({ connection: 'online', lastError: null, pending: 0 });
    expect(await versionsOnServer('desk-offline-1')).toHaveLength(1);
  });
});
