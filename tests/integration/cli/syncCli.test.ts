import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDossierPdf } from '../../../core/dossier/verify/verifyDossierPdf.js';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { courtdesk } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../server/serverProcess.js';

const tempDir = useTempDirs();
let pg: TestPostgres;
let server: ServerProcess;


beforeAll(async () => {
  pg = await startTestPostgres();
  server = await spawnServer({ dataDir: tempDir(), databaseUrl: pg.url });
}, 120_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await pg?.stop();
});

describe('courtdesk login and sync against the court server (real PostgreSQL)', () => {
  it('uploads an exported dossier once; the server’s copy verifies as intact', async () => {
    const admin = await adminToken(server.url);
    const password = await addUser(server.url, admin, 'clerk1', ['clerk']);
    const f = await sampleDossier(tempDir());
    f.db.close();
    const exported = await courtdesk(['--data-dir', f.dir, 'export', '--case', '（2024）苏0506民初88号', '--out', join(f.dir, 'd.pdf'), '--json']);
    expect(exported.code).toBe(0);
    const { sha256 } = JSON.parse(exported.stdout) as { sha256: string };

    const login = await courtdesk(['--data-dir', f.dir, 'login', '--server', server.url, '--user', 'clerk1', '--password-env', 'PW', '--json'], { PW: password });
    expect(login.code).toBe(0);
    const sync = await courtdesk(['--data-dir', f.dir, 'sync', '--json']);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ ok: true });
    expect((await courtdesk(['--data-dir', f.dir, 'sync', '--json'])).code).toBe(0);

    // courtdesk logout revokes the token: the next sync needs a new login.
    const out = await courtdesk(['--data-dir', f.dir, 'logout', '--json']);
    expect(JSON.parse(out.stdout)).toEqual({ revoked: true });
    const after = await courtdesk(['--data-dir', f.dir, 'sync', '--json']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('请先执行 courtdesk login');

    const listed = await api<{ dossiers: { caseNumber: string; versions: { sha256: string; versionNo: number }[] }[] }>(server.url, 'GET', '/api/dossiers', { token: admin });
    expect(listed.body.dossiers).toHaveLength(1);
    expect(listed.body.dossiers[0]).toMatchObject({ caseNumber: '（2024）苏0506民初88号', versions: [{ sha256, versionNo: 1 }] });
    const dossierId = (listed.body.dossiers[0] as unknown as { dossierId: string }).dossierId;
    const content = await fetch(`${server.url}/api/dossiers/${dossierId}/versions/1/content`, { headers: { authorization: `Bearer ${admin}` } });
    expect(content.status).toBe(200);
    const verdict = await verifyDossierPdf(new Uint8Array(await content.arrayBuffer()));
    expect(verdict).toMatchObject({ status: 'intact', pages: 3 });
  });

  it('explains an unreachable server with a remedy and exit 1', async () => {
    const dir = tempDir();
    const r = await courtdesk(['--data-dir', dir, 'login', '--server', 'http://127.0.0.1:9', '--user', 'x1', '--password-env', 'PW'], { PW: 'whatever-password' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：无法连接法院服务器 http://127.0.0.1:9（连接被拒绝：服务器程序未启动或端口不对）。请核对服务器地址和端口');
  });
});
