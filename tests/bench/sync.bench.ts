import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startTestPostgres } from '../helpers/postgres.js';
import { addUser, adminToken, spawnServer } from '../integration/server/serverProcess.js';
import { runWorker } from '../integration/sync/workerProcess.js';
import { signedInWorkstation } from '../integration/sync/workstation.js';

const MiB = 1024 * 1024;
const BIG = 64 * MiB;

/** The baseline: the same bytes PUT over loopback to a bare Node server that writes them to disk and fsyncs once. */
async function rawPutSeconds(file: string, dir: string): Promise<number> {
  const server = http.createServer(async (req, res) => {
    const target = join(dir, `raw-${Date.now()}`);
    await pipeline(req, createWriteStream(target));
    const handle = await open(target, 'r+');
    await handle.sync();
    await handle.close();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/raw', headers: { 'content-length': String(BIG) } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
  const seconds = (performance.now() - start) / 1000;
  await new Promise((resolve) => server.close(resolve));
  return seconds;
}

/**
 * Upload throughput of our client (tus, per-chunk sha256, server re-hash, exactly-once ingest)
 * beside a raw PUT of the same bytes; ingest rate in pages/s; time for a killed client to resume.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-sync-'));
  const pg = await startTestPostgres();
  const server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pg.url });
  try {
    const admin = await adminToken(server.url);
    const password = await addUser(server.url, admin, 'bench', ['scanner']);

    const big = randomBytes(BIG);
    const bigFile = join(dir, 'big.bin');
    writeFileSync(bigFile, big);
    const baselineSeconds = await rawPutSeconds(bigFile, dir);
    const ws = await signedInWorkstation(join(dir, 'ws-throughput'), server.url, 'bench', password);
    await ws.export({ dossierId: 'bench-big', caseNumber: '（2024）苏0508民初1号', bytes: big, pageCount: 1000 });
    let start = performance.now();
    const big1 = await ws.client({ chunkSize: 8 * MiB }).sync({ pull: false });
    const oursSeconds = (performance.now() - start) / 1000;
    if (!big1.ok) throw new Error(big1.error?.message);
    ws.close();

    const stations = await Promise.all([0, 1, 2, 3].map((i) => signedInWorkstation(join(dir, `ws-ingest-${i}`), server.url, 'bench', password)));
    const PAGES = 50;
    for (const [i, s] of stations.entries()) {
      for (let j = 0; j < 50; j++) await s.export({ dossierId: `bench-${i}-${j}`, caseNumber: `（2024）苏0508民初${10 + i}号`, bytes: randomBytes(30_000), pageCount: PAGES });
    }
    start = performance.now();
    const reports = await Promise.all(stations.map((s) => s.client().sync({ pull: false })));
    const ingestSeconds = (performance.now() - start) / 1000;
    const versions = reports.reduce((n, r) => n + r.uploaded.length, 0);
    for (const s of stations) s.close();

    const store = join(dir, 'ws-resume');
    const resumeWs = await signedInWorkstation(store, server.url, 'bench', password);
    await resumeWs.export({ dossierId: 'bench-resume', caseNumber: '（2024）苏0508民初2号', bytes: randomBytes(32 * MiB), pageCount: 400 });
    resumeWs.close();
    await runWorker(store, 32 * MiB, (l) => l.kind === 'upload' && l.bytesSent >= 16 * MiB, { chunk: 4 * MiB });
    let resumedAt = 0;
    start = performance.now();
    await runWorker(store, 0, (l) => {
      if (l.kind === 'resume' && !resumedAt) resumedAt = performance.now();
      return false;
    }, { chunk: 4 * MiB });

    const ours = BIG / MiB / oursSeconds;
    const raw = BIG / MiB / baselineSeconds;
    return [
      { name: 'sync.upload_mib_per_second', value: +ours.toFixed(1), baseline: +raw.toFixed(1), ratio: +(ours / raw).toFixed(3), unit: 'MiB/s', how: '64 MiB dossier, 8 MiB tus chunks with sha256 checksums, server re-hash + move + ingest, vs raw HTTP PUT to disk + fsync, loopback' },
      { name: 'sync.ingest_pages_per_second', value: Math.round((versions * PAGES) / ingestSeconds), unit: 'pages/s', how: `${versions} dossier versions × ${PAGES} pages (30 KB each), 4 concurrent workstations, one server instance` },
      { name: 'sync.ingest_versions_per_second', value: +(versions / ingestSeconds).toFixed(1), unit: 'versions/s', how: 'same run as ingest_pages_per_second' },
      { name: 'sync.resume_after_kill_ms', value: Math.round(resumedAt - start), unit: 'ms', how: 'client process killed -9 halfway through a 32 MiB upload; restart (node + tsx start-up included) until the server offset is known and sending continues' },
    ];
  } finally {
    await server.kill('SIGTERM');
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
