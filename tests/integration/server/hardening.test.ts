import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, logout, storedSession } from '../../../core/sync/session.js';
import { sweepExpiredCredentials } from '../../../server/auth/sessions.js';
import { createPool } from '../../../server/db/pool.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { openWorkstation, signedInWorkstation } from '../sync/workstation.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from './serverProcess.js';

const tempDir = useTempDirs();
let pg: TestPostgres;
let server: ServerProcess;
let admin: string;
const pw: Record<string, string> = {};

beforeAll(async () => {
  pg = await startTestPostgres();
  // Three failures lock a user name for two seconds, so the test can wait the lock out.
  server = await spawnServer({ dataDir: tempDir(), databaseUrl: pg.url, extra: ['--login-max-failures', '3', '--login-lockout', '2'] });
  admin = await adminToken(server.url);
  for (const [name, roles] of [['clerk1', ['clerk']], ['clerk2', ['clerk']], ['judge1', ['judge']]] as const) pw[name] = await addUser(server.url, admin, name, [...roles]);
}, 120_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
});

const signIn = (username: string, password: string) =>
  fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('court server hardening (real PostgreSQL)', () => {
  it('locks a user name after repeated failures with 429, Retry-After and a Chinese message, then lets it in again', async () => {
    expect((await signIn('clerk1', 'wrong-1')).status).toBe(401);
    expect((await signIn('CLERK1', 'wrong-2')).status).toBe(401);
    const third = await signIn('clerk1', 'wrong-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await third.json()) as { error: { code: string; message: string; remedy: string } };
    expect(body.error).toMatchObject({ code: 'SYNC_LOGIN_THROTTLED', message: expect.stringContaining('登录失败次数过多') });
    expect(body.error.remedy).toContain('稍后再试');

    // Even the right password waits the lock out, so guessing on gains nothing; other users are not affected.
    expect((await signIn('clerk1', pw.clerk1)).status).toBe(429);
    expect((await signIn('clerk2', pw.clerk2)).status).toBe(200);
    // The workstation's login says the same.
    const ws = openWorkstation(tempDir());
    await expect(login(ws.db, { url: server.url, username: 'clerk1', password: pw.clerk1, offline: false })).rejects.toMatchObject({
      code: 'SYNC_LOGIN_THROTTLED',
      message: expect.stringContaining('请'),
    });
    ws.close();

    const audit = await api<{ entries: { action: string; outcome: string; detail: { why?: string } }[] }>(server.url, 'GET', '/api/admin/audit?outcome=denied', { token: admin });
    expect(audit.body.entries.some((e) => e.action === 'auth.login' && e.detail.why === 'locked after repeated failures')).toBe(true);

    await sleep(2_100);
    expect((await signIn('clerk1', pw.clerk1)).status).toBe(200);
    // A success starts the count afresh.
    expect((await signIn('clerk1', 'wrong-4')).status).toBe(401);
    expect((await signIn('clerk1', pw.clerk1)).status).toBe(200);
  });

  it('logout revokes the token on the server; the workstation forgets it', async () => {
    const ws = await signedInWorkstation(tempDir(), server.url, 'clerk2', pw.clerk2);
    const token = storedSession(ws.db)!.token;
    const state = () => api(server.url, 'GET', '/api/sync/state', { token, workstation: ws.id });
    expect((await state()).status).toBe(200);

    expect(await logout(ws.db)).toEqual({ revoked: true });
    expect(storedSession(ws.db)).toBeNull();
    const after = await state();
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
    expect((await api(server.url, 'POST', '/api/token/refresh', { token, workstation: ws.id })).status).toBe(401);
    ws.close();
  });

  it('forgets tokens and renewal credentials a day after they expired, and only those', async () => {
    const ws = await signedInWorkstation(tempDir(), server.url, 'clerk9', await addUser(server.url, admin, 'clerk9', ['clerk']));
    const pool = createPool(pg.url, 1);
    try {
      const count = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE workstation_id = $1`, [ws.id])).rows[0].n);
      const live = { sessions: await count('sessions'), renewals: await count('renewal_credentials') };
      expect(live.sessions).toBeGreaterThan(0);
      expect(live.renewals).toBeGreaterThan(0);
      // One of each long past its expiry, as a workstation retired months ago leaves them.
      for (const table of ['sessions', 'renewal_credentials']) {
        const key = table === 'sessions' ? 'token_hash' : 'credential_hash';
        await pool.query(`INSERT INTO ${table} (${key}, user_id, workstation_id, expires_at) SELECT $1, user_id, workstation_id, now() - interval '3 days' FROM ${table} WHERE workstation_id = $2 LIMIT 1`, [randomBytes(32), ws.id]);
      }
      const swept = await sweepExpiredCredentials(pool);
      expect(swept.sessions).toBeGreaterThanOrEqual(1);
      expect(swept.renewals).toBeGreaterThanOrEqual(1);
      expect({ sessions: await count('sessions'), renewals: await count('renewal_credentials') }).toEqual(live);
    } finally {
      await pool.end();
      ws.close();
    }
  });

  it('serves byte ranges of a dossier, and the whole of it when the range is stale or not served', async () => {
    const ws = await signedInWorkstation(tempDir(), server.url, 'clerk1', pw.clerk1);
    const bytes = randomBytes(100_000);
    const version = await ws.export({ dossierId: 'range-1', caseNumber: '（2024）苏0506民初601号', bytes, pageCount: 2 });
    expect((await ws.client().sync({ pull: false })).ok).toBe(true);
    ws.close();
    const judge = (await api<{ token: string }>(server.url, 'POST', '/api/login', { body: { username: 'judge1', password: pw.judge1 } })).body.token;
    const url = `${server.url}/api/dossiers/range-1/versions/1/content`;
    const get = (headers: Record<string, string> = {}, method = 'GET') => fetch(url, { method, headers: { authorization: `Bearer ${judge}`, ...headers } });
    const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

    const whole = await get();
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect((await body(whole)).equals(bytes)).toBe(true);

    const middle = await get({ range: 'bytes=1000-1999' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(middle.headers.get('content-length')).toBe('1000');
    expect((await body(middle)).equals(bytes.subarray(1000, 2000))).toBe(true);

    // Resuming a download: from an offset to the end, and the last bytes by suffix.
    const rest = await get({ range: 'bytes=99000-', 'if-range': `"${version.sha256}"` });
    expect(rest.status).toBe(206);
    expect((await body(rest)).equals(bytes.subarray(99_000))).toBe(true);
    const tail = await get({ range: 'bytes=-10' });
    expect(tail.headers.get('content-range')).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect((await body(tail)).equals(bytes.subarray(-10))).toBe(true);

    const beyond = await get({ range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

    // A range of another version's bytes (If-Range mismatch) or several ranges: the whole dossier instead.
    const stale = await get({ range: 'bytes=0-9', 'if-range': '"0000"' });
    expect(stale.status).toBe(200);
    expect((await body(stale)).length).toBe(bytes.length);
    const several = await get({ range: 'bytes=0-9,20-29' });
    expect(several.status).toBe(200);
    expect((await body(several)).length).toBe(bytes.length);

    const head = await get({}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });

  it('fails a workstation login against a server that is not there at once, saying what to check', async () => {
    const ws = openWorkstation(tempDir());
    const err = await login(ws.db, { url: 'http://127.0.0.1:9', username: 'clerk1', password: 'x-password' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'SYNC_UNREACHABLE',
      message: '无法连接法院服务器 http://127.0.0.1:9（连接被拒绝：服务器程序未启动或端口不对）',
      remedy: expect.stringContaining('请核对服务器地址和端口'),
    });
    ws.close();
  });
});
