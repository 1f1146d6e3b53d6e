import { S3ServiceException } from '@aws-sdk/client-s3';
import { CourtError } from '../../core/contract/index.js';

/** Where a failed call went, for a message the server's administrator can act on. */
export interface S3Target {
  endpoint: string;
  bucket: string;
  key?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const DENIED_NAMES = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken']);
const REGION_NAMES = new Set(['AuthorizationHeaderMalformed', 'PermanentRedirect', 'IllegalLocationConstraintException']);

const statusOf = (err: S3ServiceException) => err.$metadata?.httpStatusCode;

/** A TLS failure is reported as such: the remedy (trust the court's CA) differs from a network outage. */
function isTlsError(code: string): boolean {
  return code.startsWith('CERT_') || code.startsWith('ERR_TLS_') || ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].includes(code);
}

/**
 * Turns what the AWS SDK throws into one of the SYNC_BLOB_STORE_* errors (HTTP 503 to clients, a
 * readable reason at start-up). `missingMeans` says what a bare 404 means for this call: HeadBucket
 * answers 404 without a body when the bucket is absent. Anything that is not an S3 or network
 * failure (a local file error) is passed through unchanged.
 */
export function blobStoreError(err: unknown, target: S3Target, missingMeans: 'bucket' | 'key' = 'key'): unknown {
  if (err instanceof CourtError) return err;
  const where = `${target.endpoint}，存储桶 ${target.bucket}`;
  const details = { endpoint: target.endpoint, bucket: target.bucket, ...(target.key ? { key: target.key } : {}) };
  if (err instanceof S3ServiceException) {
    const status = statusOf(err);
    const s3 = { ...details, s3Code: err.name, status };
    if (err.name === 'NoSuchBucket' || (missingMeans === 'bucket' && status === 404)) {
      return new CourtError('SYNC_BLOB_STORE_NO_BUCKET', { message: `对象存储 ${target.endpoint} 中没有存储桶 ${target.bucket}`, details: s3 });
    }
    if (DENIED_NAMES.has(err.name) || status === 403) {
      return new CourtError('SYNC_BLOB_STORE_DENIED', { message: `对象存储拒绝访问（${err.name}）：${where}`, details: s3 });
    }
    if (REGION_NAMES.has(err.name) || status === 301) {
      return new CourtError('SYNC_BLOB_STORE_FAILED', {
        message: `对象存储认为区域不对（${err.name}）：${where}`,
        messageEn: `the object storage rejected the region (${err.name})`,
        remedy: '请用 --s3-region 指定该存储桶所在的区域（MinIO 默认 us-east-1；Ceph RGW 为 zonegroup 名称）',
        details: s3,
      });
    }
    return new CourtError('SYNC_BLOB_STORE_FAILED', { message: `对象存储出错（${err.name}，HTTP ${status ?? '?'}）：${where}`, details: s3 });
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && isTlsError(code)) {
    return new CourtError('SYNC_BLOB_STORE_UNREACHABLE', {
      message: `对象存储 ${target.endpoint} 的证书不受信任（${code}）`,
      messageEn: `the object storage certificate is not trusted (${code})`,
      remedy: '请将法院 CA 证书交给服务器进程：设置环境变量 NODE_EXTRA_CA_CERTS=<CA 证书文件> 后重启；并核对 --s3-endpoint 的主机名与证书一致',
      details: { ...details, cause: code },
    });
  }
  if ((typeof code === 'string' && NETWORK_CODES.has(code)) || (err as Error | null)?.name === 'TimeoutError') {
    return new CourtError('SYNC_BLOB_STORE_UNREACHABLE', { message: `无法连接对象存储 ${target.endpoint}（${code ?? 'timeout'}）`, details: { ...details, cause: code ?? 'timeout' } });
  }
  return err;
}
