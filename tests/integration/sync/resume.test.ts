import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../core/sync/progress.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { runWorker } from './workerProcess.js';
import { openWorkstation, signedInWorkstation } from './workstation.js';

const MiB = 1024 * 1024;
const SIZE = 64 * MiB;
const CHUNK = 4 * MiB;

let pg: TestPostgres;
let server: ServerProcess;
let dir: string;
let cms: string;
let password: string;

async function serverOffset(store: string): Promise<number> {
  const ws = openWorkstation(store);
  try {
    const { upload_url } = ws.db.prepare('SELECT upload_url FROM sync_uploads').get() as { upload_url: string };
    const token = (ws.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }).value;
    const head = await fetch(new URL(upload_url, server.url), { method: 'HEAD', headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}`, 'courtdesk-workstation': ws.id } });
    return Number(head.headers.get('upload-offset'));
  } finally {
    ws.close();
  }
}

async function expectStoredOnce(dossierId: string, sha256: string): Promise<void> {
  const list = await api<{ dossiers: { dossierId: string; versions: { sha256: string }[] }[] }>(server.url, 'GET', '/api/dossiers?limit=500', { token: cms });
  expect(list.body.dossiers.filter((d) => d.dossierId === dossierId).flatMap((d) => d.versions)).toEqual([expect.objectContaining({ sha256 })]);
  const blob = readFileSync(join(dir, 'server', 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
  expect(createHash('sha256').update(blob).digest('hex')).toBe(sha256);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-resume-'));
  pg = await startTestPostgres();
  server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url });
  const admin = await adminToken(server.url);
  password = await addUser(server.url, admin, 'scan1', ['scanner']);
  const cmsPassword = await addUser(server.url, admin, 'cms', ['cms']);
  cms = (await api<{ token: string }>(server.url, 'POST', '/api/login', { body: { username: 'cms', password: cmsPassword } })).body.token;
}, 120_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('resuming after kill -9', () => {
  it('resumes from the server offset after the client process is killed mid-upload', async () => {
    const store = join(dir, 'ws-client-kill');
    const ws = await signedInWorkstation(store, server.url, 'scan1', password);
    const version = await ws.export({ dossierId: 'dos-big-1', caseNumber: '（2024）苏0508民初40号', bytes: randomBytes(SIZE), pageCount: 800 });
    ws.close();

    // Throttled so the kill lands mid-chunk after a few chunks are on the server.
    const first = await runWorker(store, 24 * MiB, (l) => l.kind === 'upload' && l.bytesSent >= 3.5 * CHUNK, { chunk: CHUNK });
    expect(first.killed).toBe(true);
    const offsetAtKill = await serverOffset(store);
    expect(offsetAtKill).toBeGreaterThanOrEqual(3 * CHUNK);
    expect(offsetAtKill).toBeLessThan(SIZE);

    const second = await runWorker(store, 0, undefined, { chunk: CHUNK });
    const resume = second.lines.find((l) => l.kind === 'resume');
    expect(resume).toMatchObject({ kind: 'resume', offset: offsetAtKill });
    const uploaded = second.lines.find((l) => l.kind === 'uploaded');
    expect(uploaded).toMatchObject({ kind: 'uploaded', bytesSent: SIZE - offsetAtKill, version: { sha256: version.sha256, replayed: false } });
    await expectStoredOnce('dos-big-1', version.sha256);
  }, 120_000);

  it('resumes from the server offset after the server process is killed mid-upload and restarted', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-server-kill'), server.url, 'scan1', password);
    const version = await ws.export({ dossierId: 'dos-big-2', caseNumber: '（2024）苏0508民初41号', bytes: randomBytes(SIZE), pageCount: 800 });
    const events: SyncProgress[] = [];
    let restarted: Promise<void> | null = null;
    const client = ws.client({
      chunkSize: CHUNK,
      bandwidthLimit: 24 * MiB,
      onProgress: (p) => {
        events.push(p);
        if (!restarted && p.kind === 'upload' && p.bytesSent >= 3.5 * CHUNK) {
          restarted = (async () => {
            const port = server.port;
            await server.kill('SIGKILL');
            server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url, port });
          })();
        }
      },
    });
    const report = await client.sync({ pull: false });
    await restarted;
    expect(report.error).toBeUndefined();
    const resumes = events.filter((e) => e.kind === 'resume');
    expect(resumes.length).toBeGreaterThanOrEqual(1);
    expect(resumes[0]).toMatchObject({ kind: 'resume' });
    expect((resumes[0] as { offset: number }).offset).toBeGreaterThanOrEqual(3 * CHUNK);
    const uploaded = events.find((e) => e.kind === 'uploaded') as Extract<SyncProgress, { kind: 'uploaded' }>;
    expect(uploaded.version).toMatchObject({ sha256: version.sha256, replayed: false });
    // Counted across the whole call: had it restarted from 0, the server would have accepted more than SIZE bytes.
    expect(uploaded.bytesSent).toBe(SIZE);
    await expectStoredOnce('dos-big-2', version.sha256);
    ws.close();
  }, 120_000);
});
