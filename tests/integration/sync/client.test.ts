import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { getCase } from '../../../core/cases/caseRepository.js';
import { SyncApi } from '../../../core/sync/apiClient.js';
import { assignmentOf, listConflicts } from '../../../core/sync/assignments.js';
import { SyncStateSchema } from '../../../core/sync/protocol.js';
import type { SyncProgress } from '../../../core/sync/progress.js';
import type { SyncClient } from '../../../core/sync/syncClient.js';
import { login, offlineLogin, storedSession } from '../../../core/sync/session.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { startCorruptingProxy } from './corruptingProxy.js';
import { selfSignedCert } from './selfSignedCert.js';
import { openWorkstation, signedInWorkstation } from './workstation.js';

let pg: TestPostgres;
let server: ServerProcess;
let dir: string;
let admin: string;
let cms: string;
const pw: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-sync-'));
  pg = await startTestPostgres();
  server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url });
  admin = await adminToken(server.url);
  for (const [name, roles] of [['scan1', ['scanner']], ['judge1', ['judge']], ['cms', ['cms']]] as const) pw[name] = await addUser(server.url, admin, name, [...roles]);
  cms = (await api<{ token: string }>(server.url, 'POST', '/api/login', { body: { username: 'cms', password: pw.cms } })).body.token;
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('workstation sync client', () => {
  it('re-sends a chunk corrupted in transit and ends with the exact bytes on the server', async () => {
    const proxy = await startCorruptingProxy(server.url, 2);
    try {
      const ws = await signedInWorkstation(join(dir, 'ws-proxy'), proxy.url, 'scan1', pw.scan1);
      const version = await ws.export({ dossierId: 'dos-corrupt-1', caseNumber: '（2024）苏0508民初20号', bytes: randomBytes(600_000), pageCount: 5 });
      const report = await ws.client({ chunkSize: 200_000 }).sync({ pull: false });
      expect(report.error).toBeUndefined();
      expect(proxy.corrupted()).toBe(2);
      expect(report.uploaded[0]).toMatchObject({ sha256: version.sha256, replayed: false });
      const verify = await api<{ ok: boolean; actual: string }>(server.url, 'POST', '/api/dossiers/dos-corrupt-1/versions/1/verify', { token: cms });
      expect(verify.body).toMatchObject({ ok: true, actual: version.sha256 });
      const errors = await api<{ entries: { action: string }[] }>(server.url, 'GET', '/api/admin/audit?outcome=error', { token: admin });
      expect(errors.body.entries.filter((e) => e.action === 'upload.checksum-mismatch')).toHaveLength(2);
      ws.close();
    } finally {
      await proxy.close();
    }
  });

  it('pauses and resumes an upload from the server offset under a bandwidth limit', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-pause'), server.url, 'scan1', pw.scan1);
    const version = await ws.export({ dossierId: 'dos-pause-1', caseNumber: '（2024）苏0508民初21号', bytes: randomBytes(3 * 1024 * 1024), pageCount: 40 });
    const events: SyncProgress[] = [];
    let paused = false;
    let resumed!: () => void;
    const resumedOnce = new Promise<void>((resolve) => (resumed = resolve));
    const client: SyncClient = ws.client({
      chunkSize: 256 * 1024,
      bandwidthLimit: 4 * 1024 * 1024,
      onProgress: (p) => {
        events.push(p);
        if (!paused && p.kind === 'upload' && p.bytesSent >= 1024 * 1024) {
          paused = true;
          client.pause();
          setTimeout(() => {
            client.resume();
            resumed();
          }, 300);
        }
      },
    });
    const sync = client.sync({ pull: false });
    await resumedOnce;
    const report = await sync;
    expect(report.error).toBeUndefined();
    expect(events.some((e) => e.kind === 'paused')).toBe(true);
    const resume = events.find((e) => e.kind === 'resume');
    expect(resume && resume.kind === 'resume' && resume.offset).toBeGreaterThan(0);
    const uploaded = events.find((e) => e.kind === 'uploaded');
    expect(uploaded && uploaded.kind === 'uploaded' && uploaded.bytesSent).toBeLessThan(version.byteLength + 256 * 1024);
    ws.close();
  });

  it('pulls case assignments: server wins for assignment fields, local work is kept, conflicts are recorded', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-judge'), server.url, 'judge1', pw.judge1);
    const push = (title: string, assignees: { kind: string; id: string }[]) =>
      api(server.url, 'PUT', '/api/assignments', {
        token: cms,
        body: {
          cases: [
            {
              number: '(2024)苏0508民初30号',
              title,
              parties: [{ role: '原告', name: '张三' }, { role: '被告', name: '李四' }],
              judges: [{ name: '王法官', role: '承办法官' }],
              assignees,
            },
          ],
        },
      });
    expect((await push('张三诉李四借款合同纠纷', [{ kind: 'user', id: 'judge1' }])).status).toBe(200);
    const first = await ws.client().sync();
    expect(first.assignments).toMatchObject({ received: 1, created: 1, conflicts: [] });
    const local = getCase(ws.db, '（2024）苏0508民初30号');
    expect(local.parties).toEqual([{ role: '原告', name: '张三' }, { role: '被告', name: '李四' }]);
    expect(assignmentOf(ws.db, '（2024）苏0508民初30号')?.judges).toEqual([{ name: '王法官', role: '承办法官' }]);

    // The judge adds local work (a document) and edits the title offline; the court then renames the case.
    ws.db.prepare("INSERT INTO documents (case_id, position, title) VALUES (?, 1, '起诉状')").run(local.id);
    ws.db.prepare('UPDATE cases SET title = ? WHERE id = ?').run('本机改的标题', local.id);
    await push('张三诉李四民间借贷纠纷', [{ kind: 'user', id: 'judge1' }]);
    const second = await ws.client().sync();
    expect(second.assignments?.conflicts).toEqual([
      { caseNumber: '（2024）苏0508民初30号', field: 'title', local: '本机改的标题', server: '张三诉李四民间借贷纠纷' },
    ]);
    expect(getCase(ws.db, '（2024）苏0508民初30号').title).toBe('张三诉李四民间借贷纠纷');
    expect(ws.db.prepare('SELECT title FROM documents WHERE case_id = ?').all(local.id)).toEqual([{ title: '起诉状' }]);
    expect(listConflicts(ws.db)).toHaveLength(1);

    // Reassigned to someone else: the local case and its documents stay, the assignment is marked revoked.
    await push('张三诉李四民间借贷纠纷', [{ kind: 'user', id: 'judge2' }]);
    const third = await ws.client().sync();
    expect(third.assignments).toMatchObject({ received: 1, revoked: 1 });
    expect(assignmentOf(ws.db, '（2024）苏0508民初30号')?.revoked).toBe(true);
    expect(getCase(ws.db, '（2024）苏0508民初30号').id).toBe(local.id);
    ws.close();
  });

  it('signs in offline with the verifier cached at the last online login', async () => {
    const ws = openWorkstation(join(dir, 'ws-offline'));
    await expect(offlineLogin(ws.db, 'scan1', pw.scan1)).rejects.toMatchObject({ code: 'SYNC_OFFLINE_NO_VERIFIER' });
    const result = await login(ws.db, { url: server.url, username: 'scan1', password: pw.scan1 });
    expect(result.offlineVerifierCached).toBe(true);
    const cached = ws.db.prepare('SELECT verifier FROM sync_offline_verifiers').get() as { verifier: string };
    expect(cached.verifier).toMatch(/^scrypt\$/);
    await expect(offlineLogin(ws.db, 'scan1', pw.scan1)).resolves.toMatchObject({ username: 'scan1', roles: ['scanner'] });
    await expect(offlineLogin(ws.db, 'scan1', 'not-the-password')).rejects.toBeInstanceOf(CourtError);
    ws.close();
  });

  it('talks HTTPS to a server with a court-issued certificate', async () => {
    const { cert, key } = selfSignedCert();
    writeFileSync(join(dir, 'tls.crt'), cert);
    writeFileSync(join(dir, 'tls.key'), key);
    const tls = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url, extra: ['--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key'), '--token-ttl', '600'] });
    try {
      expect(tls.url.startsWith('https://')).toBe(true);
      const ws = openWorkstation(join(dir, 'ws-tls'));
      await expect(login(ws.db, { url: tls.url, username: 'scan1', password: pw.scan1, offline: false })).rejects.toMatchObject({ code: 'SYNC_TLS_UNTRUSTED' });
      await login(ws.db, { url: tls.url, ca: cert, username: 'scan1', password: pw.scan1, offline: false });
      const firstToken = storedSession(ws.db)!.token;
      await ws.export({ dossierId: 'dos-tls-1', caseNumber: '（2024）苏0508民初22号', bytes: randomBytes(50_000), pageCount: 2 });
      const report = await ws.client({ server: { url: tls.url, ca: cert } }).sync({ pull: false });
      expect(report.error).toBeUndefined();
      expect(report.uploaded).toHaveLength(1);
      // A token with under 15 minutes left is swapped for a fresh one; the old one stops working.
      const fresh = storedSession(ws.db)!.token;
      expect(fresh).not.toBe(firstToken);
      const withOld = new SyncApi({ url: tls.url, ca: cert, workstationId: ws.id, token: () => firstToken });
      await expect(withOld.call('GET', '/api/sync/state', SyncStateSchema)).rejects.toMatchObject({ code: 'NOT_AUTHENTICATED' });
      withOld.close();
      ws.close();
    } finally {
      await tls.kill('SIGTERM');
    }
  });
});
