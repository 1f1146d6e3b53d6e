import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../../core/cases/caseRepository.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { runWorker } from './workerProcess.js';
import { signedInWorkstation, type Workstation } from './workstation.js';

const MiB = 1024 * 1024;

let pg: TestPostgres;
let servers: ServerProcess[] = [];
let dir: string;
let cms: string;
const pw: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-two-'));
  pg = await startTestPostgres();
  // Two stateless instances: one database, one blob directory, one tus staging directory.
  const shared = { databaseUrl: pg.url, blobDir: join(dir, 'blobs'), stagingDir: join(dir, 'staging') };
  servers = await Promise.all(['a', 'b'].map((name) => spawnServer({ ...shared, dataDir: join(dir, `server-${name}`), instance: `instance-${name}` })));
  const admin = await adminToken(servers[0].url);
  pw.scan1 = await addUser(servers[1].url, admin, 'scan1', ['scanner']);
  pw.cms = await addUser(servers[0].url, admin, 'cms', ['cms']);
  cms = (await api<{ token: string }>(servers[1].url, 'POST', '/api/login', { body: { username: 'cms', password: pw.cms } })).body.token;
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.kill('SIGTERM');
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two server instances sharing PostgreSQL and storage', () => {
  it('serves clients that alternate between instances, each dossier exactly once', async () => {
    const stations: Workstation[] = [];
    for (let i = 0; i < 6; i++) stations.push(await signedInWorkstation(join(dir, `ws-${i}`), servers[i % 2].url, 'scan1', pw.scan1));
    await api(servers[0].url, 'PUT', '/api/assignments', {
      token: cms,
      body: { cases: stations.map((ws, i) => ({ number: `（2024）苏0508民初${500 + i}号`, title: `案件${i}`, assignees: [{ kind: 'workstation', id: ws.id }] })) },
    });
    await Promise.all(
      stations.map(async (ws, i) => {
        for (let round = 0; round < 8; round++) {
          await ws.export({ dossierId: `two-${i}-${round}`, caseNumber: `（2024）苏0508民初${500 + i}号`, bytes: randomBytes(40_000), pageCount: 3 });
          const via = servers[(i + round) % 2];
          const report = await ws.client({ server: { url: via.url }, chunkSize: 16_000 }).sync();
          expect(report.error).toBeUndefined();
          expect(report.uploaded.map((v) => v.dossierId)).toEqual([`two-${i}-${round}`]);
        }
      }),
    );
    for (const [i, ws] of stations.entries()) {
      expect(getCase(ws.db, `（2024）苏0508民初${500 + i}号`).title).toBe(`案件${i}`);
      ws.close();
    }
    const list = await api<{ dossiers: { dossierId: string; versions: unknown[] }[] }>(servers[1].url, 'GET', '/api/dossiers?limit=500', { token: cms });
    const ours = list.body.dossiers.filter((d) => d.dossierId.startsWith('two-'));
    expect(ours).toHaveLength(48);
    expect(ours.every((d) => d.versions.length === 1)).toBe(true);
  }, 120_000);

  it('resumes on instance B an upload begun on instance A', async () => {
    const store = join(dir, 'ws-switch');
    const ws = await signedInWorkstation(store, servers[0].url, 'scan1', pw.scan1);
    const size = 16 * MiB;
    const version = await ws.export({ dossierId: 'two-switch-1', caseNumber: '（2024）苏0508民初600号', bytes: randomBytes(size), pageCount: 200 });
    ws.close();
    const chunk = MiB;
    const onA = await runWorker(store, 8 * MiB, (l) => l.kind === 'upload' && l.bytesSent >= 5.5 * chunk, { chunk, server: servers[0].url });
    expect(onA.killed).toBe(true);
    const onB = await runWorker(store, 0, undefined, { chunk, server: servers[1].url });
    const resume = onB.lines.find((l) => l.kind === 'resume');
    expect(resume).toMatchObject({ kind: 'resume' });
    const offset = (resume as { offset: number }).offset;
    expect(offset).toBeGreaterThanOrEqual(5 * chunk);
    expect(onB.lines.find((l) => l.kind === 'uploaded')).toMatchObject({ bytesSent: size - offset, version: { sha256: version.sha256 } });
    const verify = await api<{ ok: boolean }>(servers[0].url, 'POST', '/api/dossiers/two-switch-1/versions/1/verify', { token: cms });
    expect(verify.body.ok).toBe(true);
  }, 120_000);
});
