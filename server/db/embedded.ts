import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster, type RunningCluster } from './postgresCluster.js';

const DATABASE = 'courtdesk';

/** Creates the database if missing (connected as the superuser to the maintenance database). */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function secret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(24).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

/**
 * The default when no DATABASE_URL is given: a cluster in <dataDir>/postgres, password-protected,
 * listening on 127.0.0.1 only. It outlives a crashed server and is joined again on restart.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<{ url: string; cluster: RunningCluster }> {
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as `postgres`, which must be able to pass through the data directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const password = secret(join(dataDir, 'postgres.password'));
  const cluster = await startCluster({ root: join(dataDir, 'postgres'), superuser: 'courtdesk', password });
  await ensureDatabase(cluster.url('postgres'), DATABASE);
  return { url: cluster.url(DATABASE), cluster };
}
