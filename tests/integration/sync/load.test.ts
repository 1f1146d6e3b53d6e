import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { addUser, adminToken, spawnServer, type ServerProcess } from '../server/serverProcess.js';
import { signedInWorkstation, type Workstation } from './workstation.js';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 20);
const PER_CLIENT = Number(process.env.LOAD_PER ?? 50);

let pgServer: TestPostgres;
let server: ServerProcess;
let dir: string;
let workstations: Workstation[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-load-'));
  pgServer = await startTestPostgres();
  server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pgServer.url });
  const admin = await adminToken(server.url);
  const passwords = [await addUser(server.url, admin, 'scan1', ['scanner']), await addUser(server.url, admin, 'scan2', ['clerk'])];
  workstations = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => signedInWorkstation(join(dir, `ws-${i}`), server.url, i % 2 ? 'scan2' : 'scan1', passwords[i % 2])),
  );
  for (const [i, ws] of workstations.entries()) {
    for (let j = 0; j < PER_CLIENT; j++) {
      await ws.export({ dossierId: `load-${i}-${j}`, caseNumber: `（2024）苏0508民初${1000 + i}号`, bytes: randomBytes(randomInt(20_000, 100_000)), pageCount: randomInt(5, 60) });
    }
  }
}, 120_000);

afterAll(async () => {
  for (const ws of workstations) ws.close();
  await server?.kill('SIGTERM');
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function serverCounts(): Promise<{ versions: number; dossiers: number; pages: number }> {
  const db = new pg.Client({ connectionString: pgServer.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ versions: number; dossiers: number; pages: number }>(
      `SELECT (SELECT count(*)::int FROM dossier_versions) AS versions,
              (SELECT count(DISTINCT dossier_id)::int FROM dossier_versions) AS dossiers,
              (SELECT count(*)::int FROM pages) AS pages`,
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

describe('load', () => {
  it(`syncs ${CLIENTS} workstations × ${PER_CLIENT} dossiers concurrently, each dossier exactly once`, async () => {
    const reports = await Promise.all(workstations.map((ws) => ws.client().sync({ pull: false })));
    for (const r of reports) {
      expect(r.error).toBeUndefined();
      expect(r.uploaded).toHaveLength(PER_CLIENT);
      expect(r.pending).toBe(0);
    }
    const expectedPages = workstations
      .flatMap((ws) => ws.db.prepare("SELECT payload_json FROM outbox WHERE topic = 'dossier.version'").all() as { payload_json: string }[])
      .reduce((n, r) => n + (JSON.parse(r.payload_json) as { pageCount: number }).pageCount, 0);
    expect(await serverCounts()).toEqual({ versions: CLIENTS * PER_CLIENT, dossiers: CLIENTS * PER_CLIENT, pages: expectedPages });
  }, 120_000);

  it('a replay of every outbox row changes nothing on the server', async () => {
    for (const ws of workstations) ws.db.prepare('UPDATE outbox SET acked_at = NULL').run();
    const reports = await Promise.all(workstations.map((ws) => ws.client().sync({ pull: false })));
    for (const r of reports) {
      expect(r.error).toBeUndefined();
      expect(r.uploaded.every((v) => v.replayed)).toBe(true);
    }
    expect((await serverCounts()).versions).toBe(CLIENTS * PER_CLIENT);
  }, 120_000);
});
