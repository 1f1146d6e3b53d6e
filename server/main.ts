// The court intranet dossier server: `node --import tsx server/main.ts --help`.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { buildApp } from './app.js';
import { ensureInitialAdmin } from './auth/accounts.js';
import { LoginThrottle } from './auth/loginThrottle.js';
import { CourtError } from '../core/contract/index.js';
import { openBlobStore } from './blob/openBlobStore.js';
import { parseConfig, usage } from './config.js';
import type { ServerContext } from './context.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { createPool } from './db/pool.js';
import type { RunningCluster } from './db/postgresCluster.js';
import { sweepExpiredCredentials } from './auth/sessions.js';
import { sweepStaging } from './tus/uploadRoutes.js';

const SIX_HOURS = 6 * 3600 * 1000;

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  if (config === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  // Storage first: a wrong endpoint, key or bucket stops start-up before a database cluster is started.
  const blobs = await openBlobStore(config.blobStore);
  let cluster: RunningCluster | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    cluster = embedded.cluster;
    databaseUrl = embedded.url;
  }
  const pool = createPool(databaseUrl, config.poolSize);
  const lockPool = createPool(databaseUrl, config.poolSize);
  await migrate(pool);
  const adminPassword = await ensureInitialAdmin(pool, process.env.COURTDESK_ADMIN_PASSWORD || undefined);
  if (adminPassword && !process.env.COURTDESK_ADMIN_PASSWORD) {
    process.stderr.write(`已创建管理员 admin，初始密码（仅显示一次）：${adminPassword}\nCreated administrator "admin"; initial password (shown once): ${adminPassword}\n`);
  }
  await mkdir(config.stagingDir, { recursive: true });

  const loginThrottle = new LoginThrottle(pool, { maxFailures: config.loginMaxFailures, lockoutSeconds: config.loginLockoutSeconds });
  const ctx: ServerContext = {
    pool,
    lockPool,
    blobs,
    stagingDir: config.stagingDir,
    tokenTtlSeconds: config.tokenTtlSeconds,
    renewalTtlSeconds: config.renewalTtlSeconds,
    loginThrottle,
    autoEnroll: config.autoEnroll,
    maxChunkBytes: config.maxChunkBytes,
    maxUploadBytes: config.maxUploadBytes,
    instance: config.instance,
  };
  const tls = config.tlsCert && config.tlsKey ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } : undefined;
  const app = buildApp(ctx, { tls, logLevel: config.logLevel, trustProxy: config.trustProxy });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // One JSON line on stdout tells supervisors (and tests) that the instance is ready.
  process.stdout.write(`${JSON.stringify({ event: 'listening', url, instance: config.instance, embeddedPostgres: cluster !== null })}\n`);

  const sweepOnce = () => {
    void sweepStaging(config.stagingDir).catch(() => undefined);
    void loginThrottle.sweep().catch(() => undefined);
    void sweepExpiredCredentials(pool).catch(() => undefined);
  };
  sweepOnce();
  const sweep = setInterval(sweepOnce, SIX_HOURS);
  sweep.unref();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    await app.close();
    await Promise.all([pool.end(), lockPool.end()]);
    await cluster?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  // Our own errors say what is wrong and what to do; a stack trace would only bury that.
  const reason = err instanceof CourtError ? `${err.message}\n处理办法：${err.remedy}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`服务器启动失败 / server failed to start: ${reason}\n`);
  process.exit(1);
});
