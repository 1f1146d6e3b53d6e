import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from './serverProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'courtdesk-embedded-'));
// As root the cluster runs as `postgres`, which must be able to pass through the 0700 temp dir.
chmodSync(dir, 0o711);
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('server without DATABASE_URL', () => {
  it('initialises its own PostgreSQL, survives kill -9, and stops it on shutdown', async () => {
    const dataDir = join(dir, 'data');
    server = await spawnServer({ dataDir });
    const pgData = join(dataDir, 'postgres', 'data');
    expect(existsSync(join(pgData, 'PG_VERSION'))).toBe(true);
    expect(statSync(join(dataDir, 'postgres.password')).mode & 0o077).toBe(0);
    await addUser(server.url, await adminToken(server.url), 'clerk1', ['clerk']);

    // A crash leaves PostgreSQL running; the restarted server joins it and finds its data.
    await server.kill('SIGKILL');
    server = await spawnServer({ dataDir });
    const login = await api(server.url, 'POST', '/api/login', { body: { username: 'clerk1', password: 'clerk1-password' } });
    expect(login.status).toBe(200);

    await server.kill('SIGTERM');
    server = undefined;
    expect(existsSync(join(pgData, 'postmaster.pid'))).toBe(false);
  });
});
