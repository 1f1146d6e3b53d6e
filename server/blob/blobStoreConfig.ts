import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CourtError } from '../../core/contract/index.js';

export const blobStoreOptions = {
  'blob-store': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-bucket': { type: 'string' },
  's3-region': { type: 'string' },
  's3-prefix': { type: 'string' },
  's3-access-key-env': { type: 'string' },
  's3-secret-key-env': { type: 'string' },
} as const;

export const blobStoreUsage = `  --blob-store <fs|s3>  卷宗文件存储：fs = 目录（默认），s3 = S3 兼容对象存储（MinIO、Ceph RGW）
  --s3-endpoint <url>   对象存储地址，如 https://minio.court.local:9000（s3 时必填）
  --s3-bucket <名称>    存储桶，须事先建好（启动时检查可达、密钥与存储桶）
  --s3-region <区域>    默认 us-east-1（MinIO 的默认值）
  --s3-prefix <前缀>    对象键前缀，默认无；对象键为 <前缀>sha256/<前两位>/<sha256>
  --s3-access-key-env <变量> --s3-secret-key-env <变量>
                        从哪两个环境变量读取访问密钥（默认 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY；密钥不写在命令行上）
  以上 --blob-store、--s3-* 也可用环境变量 COURTDESK_BLOB_STORE、COURTDESK_S3_ENDPOINT、_BUCKET、_REGION、_PREFIX 给出`;

type BlobFlag = keyof typeof blobStoreOptions | 'blob-dir';

const FsSchema = z.object({ kind: z.literal('fs'), dir: z.string().min(1) });

const S3Schema = z.object({
  kind: z.literal('s3'),
  endpoint: z.url({ protocol: /^https?$/, error: '--s3-endpoint 须为 http(s)://主机[:端口]，如 https://minio.court.local:9000' }),
  bucket: z
    .string({ error: '须用 --s3-bucket 给出存储桶名称' })
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, '--s3-bucket 须为 3–63 个小写字母、数字、点或连字符，以字母或数字开头和结尾')
    .refine((b) => !b.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(b), '--s3-bucket 不能含连续的点，也不能是 IP 地址的样子'),
  region: z.string().regex(/^[a-z0-9-]{1,64}$/, '--s3-region 应形如 us-east-1'),
  prefix: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, '--s3-prefix 只能含字母、数字、点、下划线、连字符和 /，且不以 / 开头'),
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
});

export const BlobStoreSchema = z.discriminatedUnion('kind', [FsSchema, S3Schema]);
export type BlobStoreConfig = z.infer<typeof BlobStoreSchema>;

const invalid = (message: string, messageEn: string) => new CourtError('INVALID_INPUT', { message, messageEn, remedy: '请按提示更正服务器的启动选项；--help 列出全部选项' });

function secretFromEnv(env: NodeJS.ProcessEnv, name: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw invalid(`环境变量名无效：${name}`, `not an environment variable name: ${name}`);
  const value = env[name];
  if (!value) throw invalid(`对象存储的${what}应放在环境变量 ${name} 中，但它未设置`, `environment variable ${name} (${what}) is not set`);
  return value;
}

/**
 * The blob store from flags and environment. Credentials are read from environment variables only,
 * so they never show in `ps`. S3 flags without `--blob-store s3` are refused rather than ignored:
 * an administrator who typed them expects them to take effect.
 */
export function parseBlobStoreConfig(values: Partial<Record<BlobFlag, string>>, env: NodeJS.ProcessEnv, dataDir: string): BlobStoreConfig {
  const kind = values['blob-store'] ?? (env.COURTDESK_BLOB_STORE || 'fs');
  if (kind !== 'fs' && kind !== 's3') throw invalid(`--blob-store 只能是 fs（目录，默认）或 s3（对象存储），不能是 ${kind}`, `--blob-store must be fs or s3, not ${kind}`);
  const s3Flags = Object.keys(values).filter((f) => f.startsWith('s3-'));
  if (kind === 'fs' && s3Flags.length > 0) {
    throw invalid(`给出了 ${s3Flags.map((f) => `--${f}`).join('、')}，但没有选择对象存储：请同时给出 --blob-store s3`, `${s3Flags.join(', ')} given without --blob-store s3`);
  }
  if (kind === 's3' && values['blob-dir']) throw invalid('--blob-dir 只用于目录存储，不能与 --blob-store s3 同用', '--blob-dir does not apply to --blob-store s3');
  const input =
    kind === 'fs'
      ? { kind, dir: resolve(values['blob-dir'] ?? join(dataDir, 'blobs')) }
      : {
          kind,
          endpoint: values['s3-endpoint'] ?? env.COURTDESK_S3_ENDPOINT,
          bucket: values['s3-bucket'] ?? env.COURTDESK_S3_BUCKET,
          region: values['s3-region'] ?? (env.COURTDESK_S3_REGION || 'us-east-1'),
          prefix: withSlash(values['s3-prefix'] ?? env.COURTDESK_S3_PREFIX ?? ''),
          accessKeyId: secretFromEnv(env, values['s3-access-key-env'] ?? 'AWS_ACCESS_KEY_ID', '访问密钥 ID'),
          secretAccessKey: secretFromEnv(env, values['s3-secret-key-env'] ?? 'AWS_SECRET_ACCESS_KEY', '访问密钥'),
        };
  const parsed = BlobStoreSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => i.message);
    throw invalid(`卷宗存储配置无效：${issues.join('；')}`, `invalid blob store configuration: ${issues.join('; ')}`);
  }
  return parsed.data;
}

const withSlash = (prefix: string) => (prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`);
