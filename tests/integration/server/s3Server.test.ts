import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from '../../helpers/s3.js';
import { signedInWorkstation, type Workstation } from '../sync/workstation.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from './serverProcess.js';

const MiB = 1024 * 1024;
const PREFIX = 'court-3205/';

let dir: string;
let pg: TestPostgres;
let s3: TestS3;
let servers: ServerProcess[] = [];
let cms: string;
let scannerPassword: string;

const s3Flags = (bucket: string) => ['--blob-store', 's3', '--s3-endpoint', s3.endpoint, '--s3-bucket', bucket, '--s3-prefix', PREFIX];

async function download(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${cms}`, ...headers } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-s3-server-'));
  [pg, s3] = await Promise.all([startTestPostgres(), startTestS3('courtdesk-e2e')]);
  // Two stateless instances: one database, one bucket, one tus staging directory.
  servers = await Promise.all(
    ['a', 'b'].map((name) =>
      spawnServer({ dataDir: join(dir, `server-${name}`), databaseUrl: pg.url, stagingDir: join(dir, 'staging'), instance: `s3-${name}`, extra: s3Flags(s3.bucket), env: S3_CREDENTIALS }),
    ),
  );
  const admin = await adminToken(servers[0].url);
  scannerPassword = await addUser(servers[0].url, admin, 'scan1', ['scanner']);
  const cmsPassword = await addUser(servers[1].url, admin, 'cms', ['cms']);
  cms = (await api<{ token: string }>(servers[1].url, 'POST', '/api/login', { body: { username: 'cms', password: cmsPassword } })).body.token;
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.kill('SIGTERM');
  await pg?.stop();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('court server on S3-compatible object storage (s3rver)', () => {
  it('keeps a dossier synced through instance A in the bucket and serves it byte-identical, whole and by range, from instance B', async () => {
    const [a, b] = servers;
    const ws = await signedInWorkstation(join(dir, 'ws-big'), a.url, 'scan1', scannerPassword);
    const bytes = randomBytes(12 * MiB);
    const version = await ws.export({ dossierId: 's3-big', caseNumber: '（2024）苏0508民初900号', bytes, pageCount: 150 });
    const report = await ws.client({ chunkSize: 4 * MiB }).sync();
    ws.close();
    expect(report.error).toBeUndefined();
    expect(report.uploaded.map((v) => v.dossierId)).toEqual(['s3-big']);

    const head = await s3.client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}sha256/${version.sha256.slice(0, 2)}/${version.sha256}` }));
    expect(head.ContentLength).toBe(bytes.length);
    expect(existsSync(join(dir, 'server-a', 'blobs'))).toBe(false);

    const path = '/api/dossiers/s3-big/versions/1/content';
    const whole = await download(b.url, path);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('etag')).toBe(`"${version.sha256}"`);
    expect(whole.body.equals(bytes)).toBe(true);

    const seam = 5 * MiB;
    const part = await download(b.url, path, { range: `bytes=${seam - 10}-${seam + 9}` });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${seam - 10}-${seam + 9}/${bytes.length}`);
    expect(part.body.equals(bytes.subarray(seam - 10, seam + 10))).toBe(true);
    const tail = await download(b.url, path, { range: 'bytes=-1000' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(bytes.subarray(bytes.length - 1000))).toBe(true);

    const verify = await api<{ ok: boolean; actual: string }>(a.url, 'POST', '/api/dossiers/s3-big/versions/1/verify', { token: cms });
    expect(verify.body).toMatchObject({ ok: true, actual: version.sha256 });
  }, 120_000);

  it('serves workstations that alternate between the two instances, each dossier exactly once', async () => {
    const stations: Workstation[] = [];
    for (let i = 0; i < 2; i++) stations.push(await signedInWorkstation(join(dir, `ws-${i}`), servers[i].url, 'scan1', scannerPassword));
    await Promise.all(
      stations.map(async (ws, i) => {
        for (let round = 0; round < 3; round++) {
          await ws.export({ dossierId: `s3-${i}-${round}`, caseNumber: `（2024）苏0508民初${910 + i}号`, bytes: randomBytes(40_000), pageCount: 3 });
          const report = await ws.client({ server: { url: servers[(i + round) % 2].url }, chunkSize: 16_000 }).sync();
          expect(report.error).toBeUndefined();
          expect(report.uploaded.map((v) => v.dossierId)).toEqual([`s3-${i}-${round}`]);
        }
      }),
    );
    for (const ws of stations) ws.close();
    const list = await api<{ dossiers: { dossierId: string; versions: unknown[] }[] }>(servers[1].url, 'GET', '/api/dossiers?limit=500', { token: cms });
    const ours = list.body.dossiers.filter((d) => /^s3-\d-\d$/.test(d.dossierId));
    expect(ours).toHaveLength(6);
    expect(ours.every((d) => d.versions.length === 1)).toBe(true);
    for (const d of ours) {
      const verify = await api<{ ok: boolean }>(servers[0].url, 'POST', `/api/dossiers/${d.dossierId}/versions/1/verify`, { token: cms });
      expect(verify.body.ok).toBe(true);
    }
  }, 120_000);

  it('refuses to start when the bucket is missing, and says what to do', async () => {
    const start = spawnServer({ dataDir: join(dir, 'server-c'), databaseUrl: pg.url, extra: s3Flags('no-such-bucket'), env: S3_CREDENTIALS });
    await expect(start).rejects.toThrow(/没有存储桶 no-such-bucket[\s\S]*处理办法：请服务器管理员在 MinIO\/Ceph 中创建该存储桶/);
  }, 60_000);
});
