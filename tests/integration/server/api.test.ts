import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { uploadChecksum } from '../../../core/sync/syncHttpStack.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { signedInWorkstation, type Workstation } from '../sync/workstation.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from './serverProcess.js';

let pgServer: TestPostgres;
let server: ServerProcess;
let dir: string;
let admin: string;
const passwords: Record<string, string> = {};

const tusHeaders = (token: string, workstation: string) => ({ 'tus-resumable': '1.0.0', authorization: `Bearer ${token}`, 'courtdesk-workstation': workstation });
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function wsToken(ws: Workstation): Promise<string> {
  return (ws.db.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }).value;
}

/** Creates a tus upload for `bytes` by hand, as a hostile or buggy client would. */
async function createUpload(token: string, ws: Workstation, bytes: Buffer, dossierId: string, checkpoint: string, proof?: string[]): Promise<Response> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const metadata = [
    ...(proof ? [`proof ${b64(proof.join(','))}`] : []),
    `dossierId ${b64(dossierId)}`,
    `caseNumber ${b64('（2024）苏0508民初100号')}`,
    `sha256 ${b64(sha)}`,
    `byteLength ${b64(String(bytes.length))}`,
    `pageCount ${b64('3')}`,
    `checkpoint ${b64(checkpoint)}`,
  ].join(',');
  return fetch(`${server.url}/files`, { method: 'POST', headers: { ...tusHeaders(token, ws.id), 'upload-length': String(bytes.length), 'upload-metadata': metadata } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-api-'));
  pgServer = await startTestPostgres();
  server = await spawnServer({ dataDir: join(dir, 'server'), databaseUrl: pgServer.url });
  admin = await adminToken(server.url);
  for (const [name, roles] of [['scan1', ['scanner']], ['scan2', ['scanner']], ['judge1', ['judge']], ['cms', ['cms']]] as const) {
    passwords[name] = await addUser(server.url, admin, name, [...roles]);
  }
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('court server API', () => {
  it('refuses a wrong password and audits it', async () => {
    const res = await api<{ error: { code: string } }>(server.url, 'POST', '/api/login', { body: { username: 'scan1', password: 'wrong-password' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('BAD_CREDENTIALS');
    const audit = await api<{ entries: { actor: string; outcome: string; action: string }[] }>(server.url, 'GET', '/api/admin/audit?outcome=denied', { token: admin });
    expect(audit.body.entries.some((e) => e.actor === 'scan1' && e.action === 'auth.login')).toBe(true);
  });

  it('ingests an uploaded dossier once, serves its bytes to the case-management system and re-verifies them', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-a'), server.url, 'scan1', passwords.scan1);
    const bytes = randomBytes(300_000);
    const version = await ws.export({ dossierId: 'dos-api-1', caseNumber: '(2024)苏0508民初7号', bytes, pageCount: 12 });
    const report = await ws.client({ chunkSize: 100_000 }).sync();
    expect(report.error).toBeUndefined();
    expect(report.uploaded).toHaveLength(1);
    expect(report.uploaded[0]).toMatchObject({ dossierId: 'dos-api-1', caseNumber: '（2024）苏0508民初7号', versionNo: 1, pageCount: 12, replayed: false });

    const cms = (await api<{ token: string }>(server.url, 'POST', '/api/login', { body: { username: 'cms', password: passwords.cms } })).body.token;
    const list = await api<{ dossiers: { dossierId: string; versions: { sha256: string; versionNo: number }[] }[] }>(server.url, 'GET', `/api/dossiers?case=${encodeURIComponent('（2024）苏0508民初7号')}`, { token: cms });
    expect(list.body.dossiers).toEqual([expect.objectContaining({ dossierId: 'dos-api-1', versions: [expect.objectContaining({ sha256: version.sha256, versionNo: 1 })] })]);

    const content = await fetch(`${server.url}/api/dossiers/dos-api-1/versions/1/content`, { headers: { authorization: `Bearer ${cms}` } });
    expect(content.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await content.arrayBuffer())).digest('hex')).toBe(version.sha256);
    const verify = await api<{ ok: boolean }>(server.url, 'POST', '/api/dossiers/dos-api-1/versions/1/verify', { token: cms });
    expect(verify.body.ok).toBe(true);

    // A second sync of the same store has nothing left; replaying the commit returns the same version and adds none.
    const again = await ws.client().sync();
    expect(again.uploaded).toHaveLength(0);
    const token = await wsToken(ws);
    const replay = await api<{ version: { versionId: number; replayed: boolean } }>(server.url, 'POST', '/api/sync/versions', { token, workstation: ws.id, body: version });
    expect(replay.body.version).toMatchObject({ versionId: report.uploaded[0].versionId, replayed: true });
    const recreate = await createUpload(token, ws, bytes, 'dos-api-1', version.checkpoint);
    expect(recreate.status).toBe(409);
    expect(((await recreate.json()) as { error: { code: string } }).error.code).toBe('SYNC_VERSION_EXISTS');
    const after = await api<{ dossiers: { versions: unknown[] }[] }>(server.url, 'GET', '/api/dossiers', { token: cms });
    expect(after.body.dossiers.flatMap((d) => d.versions)).toHaveLength(1);
    ws.close();
  });

  it('rejects a corrupted chunk with 460, keeps the offset, accepts the resend and ignores a replayed chunk', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-b'), server.url, 'scan2', passwords.scan2);
    const token = await wsToken(ws);
    const bytes = randomBytes(64 * 1024);
    const created = await createUpload(token, ws, bytes, 'dos-raw-1', await ws.ledger.checkpointFor(Buffer.from('raw')));
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, server.url).toString();
    const first = bytes.subarray(0, 32 * 1024);
    const patch = (body: Buffer, offset: number, checksum: string) =>
      fetch(url, { method: 'PATCH', headers: { ...tusHeaders(token, ws.id), 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-checksum': checksum }, body });

    const corrupted = Buffer.from(first);
    corrupted[100] ^= 0xff;
    const bad = await patch(corrupted, 0, uploadChecksum(first));
    expect(bad.status).toBe(460);
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders(token, ws.id) });
    expect(head.headers.get('upload-offset')).toBe('0');

    expect((await patch(first, 0, uploadChecksum(first))).status).toBe(204);
    const replayed = await patch(first, 0, uploadChecksum(first));
    expect(replayed.status).toBe(409);
    const rest = bytes.subarray(32 * 1024);
    const done = await patch(rest, 32 * 1024, uploadChecksum(rest));
    expect(done.status).toBe(200);
    const { version } = (await done.json()) as { version: { dossierId: string; sha256: string; replayed: boolean } };
    expect(version).toMatchObject({ dossierId: 'dos-raw-1', sha256: createHash('sha256').update(bytes).digest('hex'), replayed: false });
    ws.close();
  });

  it('refuses a token of another workstation and a role without upload rights, and audits both', async () => {
    const a = await signedInWorkstation(join(dir, 'ws-c'), server.url, 'scan1', passwords.scan1);
    const b = await signedInWorkstation(join(dir, 'ws-d'), server.url, 'scan2', passwords.scan2);
    const judge = await signedInWorkstation(join(dir, 'ws-e'), server.url, 'judge1', passwords.judge1);
    const tokenA = await wsToken(a);
    const tokenB = await wsToken(b);
    const bytes = randomBytes(10_000);
    const created = await createUpload(tokenA, a, bytes, 'dos-own-1', await a.ledger.checkpointFor(Buffer.from('own')));
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, server.url).toString();

    // B's token presented as if it were A's workstation.
    const spoofed = await fetch(url, { method: 'HEAD', headers: tusHeaders(tokenB, a.id) });
    expect(spoofed.status).toBe(403);
    // B's token on B's own header but A's upload.
    const foreign = await fetch(url, { method: 'PATCH', headers: { ...tusHeaders(tokenB, b.id), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'upload-checksum': uploadChecksum(bytes) }, body: bytes });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('SYNC_WORKSTATION_MISMATCH');
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders(tokenA, a.id) });
    expect(head.headers.get('upload-offset')).toBe('0');

    const judgeUpload = await createUpload(await wsToken(judge), judge, bytes, 'dos-judge-1', await judge.ledger.checkpointFor(Buffer.from('j')));
    expect(judgeUpload.status).toBe(403);
    expect(((await judgeUpload.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const denied = await api<{ entries: { actor: string; detail: { code: string } }[] }>(server.url, 'GET', '/api/admin/audit?outcome=denied&limit=20', { token: admin });
    expect(denied.body.entries.filter((e) => e.actor === 'scan2' && e.detail.code === 'SYNC_WORKSTATION_MISMATCH').length).toBeGreaterThanOrEqual(2);
    expect(denied.body.entries.some((e) => e.actor === 'judge1' && e.detail.code === 'FORBIDDEN')).toBe(true);
    for (const w of [a, b, judge]) w.close();
  });

  it('rejects a checkpoint that rolls back or forks the ledger with 409 and an alarm, and verifies consistency proofs', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-f'), server.url, 'scan1', passwords.scan1);
    const client = ws.client({ consistencyProof: async (from, to) => ws.ledger.tree.consistencyProof(from, to) });
    for (let i = 0; i < 3; i++) await ws.export({ dossierId: `dos-cp-${i}`, caseNumber: '（2024）苏0508民初8号', bytes: randomBytes(5000), pageCount: 1 });
    const ok = await client.sync();
    expect(ok.error).toBeUndefined();
    expect(ok.uploaded).toHaveLength(3);

    const token = await wsToken(ws);
    const upload = async (dossierId: string, checkpoint: string, proof?: string[]) => {
      const bytes = randomBytes(2000);
      const staged = await createUpload(token, ws, bytes, dossierId, checkpoint, proof);
      if (staged.status !== 201) return { status: staged.status, body: (await staged.json()) as { error: { code: string } } };
      const url = new URL(staged.headers.get('location')!, server.url).toString();
      const res = await fetch(url, { method: 'PATCH', headers: { ...tusHeaders(token, ws.id), 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'upload-checksum': uploadChecksum(bytes) }, body: bytes });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    };
    const rolledBack = await upload('dos-cp-rollback', await ws.ledger.checkpointAt(2));
    expect(rolledBack.status).toBe(409);
    expect(rolledBack.body.error.code).toBe('SYNC_CHECKPOINT_INCONSISTENT');
    const forked = await upload('dos-cp-fork', await ws.ledger.checkpointAt(3, randomBytes(32)));
    expect(forked.status).toBe(409);
    expect(forked.body.error.code).toBe('SYNC_CHECKPOINT_INCONSISTENT');

    // A larger tree whose proof does not link it to the last one is refused as well.
    ws.ledger.tree.appendData(Buffer.from('next'));
    const badProof = await upload('dos-cp-badproof', await ws.ledger.checkpointAt(4), [randomBytes(32).toString('base64')]);
    expect(badProof.status).toBe(409);
    expect(badProof.body.error.code).toBe('SYNC_CHECKPOINT_INCONSISTENT');

    // The versions the client sent with real proofs are recorded as proven (the first has nothing to extend).
    const db = new pg.Client({ connectionString: pgServer.url });
    await db.connect();
    const { rows } = await db.query<{ dossier_id: string; checkpoint_proven: boolean }>("SELECT dossier_id, checkpoint_proven FROM dossier_versions WHERE dossier_id LIKE 'dos-cp-%' ORDER BY id");
    await db.end();
    expect(rows.map((r) => r.checkpoint_proven)).toEqual([false, true, true]);

    const alarms = await api<{ entries: { action: string; workstation_id: string; detail: { reason: string } }[] }>(server.url, 'GET', '/api/admin/audit?outcome=alarm', { token: admin });
    const mine = alarms.body.entries.filter((e) => e.workstation_id === ws.id && e.action === 'ledger.checkpoint-inconsistent');
    expect(mine.map((e) => e.detail.reason)).toEqual(
      expect.arrayContaining([expect.stringContaining('shrank'), expect.stringContaining('different root'), expect.stringContaining('does not verify')]),
    );
    ws.close();
  });

  it('delivers other outbox rows once, in order, and stops at the first failure', async () => {
    const ws = await signedInWorkstation(join(dir, 'ws-g'), server.url, 'scan1', passwords.scan1);
    createCase(ws.db, { number: '（2024）苏0508民初9号' }, 'tester');
    const missing = await ws.export({ dossierId: 'dos-missing', caseNumber: '（2024）苏0508民初9号', bytes: randomBytes(1000), pageCount: 1 });
    createCase(ws.db, { number: '（2024）苏0508民初10号' }, 'tester');
    // The exported file vanished from the workstation: sync must stop there, not skip ahead.
    rmSync(ws.blobs.pathOf(missing.sha256));
    const report = await ws.client().sync({ pull: false });
    expect(report.error?.code).toBe('SYNC_SOURCE_MISSING');
    expect(report.events).toBe(1);
    const pending = ws.db.prepare('SELECT topic FROM outbox WHERE acked_at IS NULL ORDER BY id').all() as { topic: string }[];
    expect(pending.map((r) => r.topic)).toEqual(['dossier.version', 'case.created']);
    ws.close();
  });
});
