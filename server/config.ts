import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BlobStoreSchema, blobStoreOptions, blobStoreUsage, parseBlobStoreConfig } from './blob/blobStoreConfig.js';

const MiB = 1024 * 1024;

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  dataDir: z.string().min(1),
  databaseUrl: z.string().url().optional(),
  blobStore: BlobStoreSchema,
  stagingDir: z.string().min(1),
  tlsCert: z.string().optional(),
  tlsKey: z.string().optional(),
  autoEnroll: z.boolean(),
  // Down to 1 s so tests can let tokens lapse and exercise renewal.
  tokenTtlSeconds: z.coerce.number().int().min(1).max(7 * 24 * 3600),
  renewalTtlSeconds: z.coerce.number().int().min(60).max(366 * 24 * 3600),
  loginMaxFailures: z.coerce.number().int().min(1).max(100),
  loginLockoutSeconds: z.coerce.number().int().min(1).max(24 * 3600),
  maxChunkBytes: z.coerce.number().int().min(64 * 1024).max(256 * MiB),
  maxUploadBytes: z.coerce.number().int().min(MiB),
  poolSize: z.coerce.number().int().min(4).max(200),
  instance: z.string().min(1),
  trustProxy: z.boolean(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type ServerConfig = z.infer<typeof ConfigSchema>;

export const usage = `courtdesk-server: 法院内网卷宗服务 / court intranet dossier server

  node --import tsx server/main.ts [选项]

  --port <n>            监听端口（默认 8420；0 = 任选空闲端口）
  --host <addr>         监听地址（默认 127.0.0.1）
  --data-dir <dir>      数据目录（默认 $COURTDESK_SERVER_HOME 或 ./courtdesk-server-data）
  --database-url <url>  使用已有 PostgreSQL（或 $DATABASE_URL）；未给出时在数据目录内初始化并启动内置集群
  --blob-dir <dir>      卷宗文件存储目录（默认 <data-dir>/blobs；多实例时须共享）
${blobStoreUsage}
  --staging-dir <dir>   断点续传暂存（默认 <data-dir>/staging；多实例时须共享）
  --tls-cert <file> --tls-key <file>   启用 HTTPS
  --auto-enroll         首次登录的工作站自动登记（否则须管理员启用）
  --token-ttl <秒>      登录令牌有效期（默认 3600）
  --renewal-ttl <秒>    工作站免密续期凭据有效期，自登录起算（默认 2592000 = 30 天；或 $COURTDESK_RENEWAL_TTL）
  --login-max-failures <n>  同一用户名在同一来源地址连续登录失败 n 次后暂时锁定（默认 5）
  --login-lockout <秒>  锁定时长（默认 300；期间答复 429 与 Retry-After）
  --max-chunk <字节>    单个上传分块上限（默认 32 MiB）
  --max-upload <字节>   单个卷宗上限（默认 4 GiB）
  --pool-size <n>       PostgreSQL 连接池大小（默认 20；另有同样大小的锁连接池）
  --instance <名称>     实例名（日志与审计；默认 主机名:进程号）
  --trust-proxy         位于负载均衡之后，按 X-Forwarded-For 记录来源地址
  --log-level <级别>    日志级别（默认 warn）
  环境变量 COURTDESK_ADMIN_PASSWORD：首次启动时管理员 admin 的密码（否则随机生成并打印一次）`;

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'blob-dir': { type: 'string' },
      ...blobStoreOptions,
      'staging-dir': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'auto-enroll': { type: 'boolean' },
      'token-ttl': { type: 'string' },
      'renewal-ttl': { type: 'string' },
      'login-max-failures': { type: 'string' },
      'login-lockout': { type: 'string' },
      'max-chunk': { type: 'string' },
      'max-upload': { type: 'string' },
      'pool-size': { type: 'string' },
      instance: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const dataDir = resolve(values['data-dir'] ?? env.COURTDESK_SERVER_HOME ?? 'courtdesk-server-data');
  const config = ConfigSchema.parse({
    port: values.port ?? env.PORT ?? 8420,
    host: values.host ?? '127.0.0.1',
    dataDir,
    databaseUrl: values['database-url'] ?? (env.DATABASE_URL || undefined),
    blobStore: parseBlobStoreConfig(values, env, dataDir),
    stagingDir: resolve(values['staging-dir'] ?? join(dataDir, 'staging')),
    tlsCert: values['tls-cert'] ?? env.COURTDESK_TLS_CERT,
    tlsKey: values['tls-key'] ?? env.COURTDESK_TLS_KEY,
    autoEnroll: values['auto-enroll'] ?? env.COURTDESK_AUTO_ENROLL === '1',
    tokenTtlSeconds: values['token-ttl'] ?? 3600,
    renewalTtlSeconds: values['renewal-ttl'] ?? (env.COURTDESK_RENEWAL_TTL || 30 * 24 * 3600),
    loginMaxFailures: values['login-max-failures'] ?? 5,
    loginLockoutSeconds: values['login-lockout'] ?? 300,
    maxChunkBytes: values['max-chunk'] ?? 32 * MiB,
    maxUploadBytes: values['max-upload'] ?? 4096 * MiB,
    poolSize: values['pool-size'] ?? 20,
    instance: values.instance ?? `${hostname()}:${process.pid}`,
    trustProxy: values['trust-proxy'] ?? false,
    logLevel: values['log-level'] ?? env.LOG_LEVEL ?? 'warn',
  });
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) throw new Error('--tls-cert and --tls-key go together');
  return config;
}
