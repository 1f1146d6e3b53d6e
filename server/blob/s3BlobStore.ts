import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { CourtError } from '../../core/contract/index.js';
import { SHA256_HEX } from '../../core/sync/dossierVersion.js';
import type { BlobStorePort } from './blobStorePort.js';
import { blobStoreError, type S3Target } from './s3Errors.js';

export interface S3Location {
  /** http(s)://host[:port] of MinIO, Ceph RGW or another S3-compatible service. */
  endpoint: string;
  bucket: string;
  /** '' or a key prefix ending in '/', so several servers (or a test) can share a bucket. */
  prefix: string;
}

export interface S3Settings extends S3Location {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    // Intranet MinIO/Ceph endpoints seldom have the wildcard DNS that virtual-hosted buckets need.
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    // A dead or hung endpoint fails a request instead of holding it (and start-up) forever. The request
    // timeout runs until the answer's headers, so slow downloads streaming to a reader are not cut.
    requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000, throwOnRequestTimeout: true },
  });
}

const is404 = (err: unknown) => err instanceof S3ServiceException && err.$metadata?.httpStatusCode === 404;

/**
 * Dossier bytes as objects `<prefix>sha256/<ab>/<sha256>` in an S3-compatible bucket. Objects appear
 * whole or not at all (a PUT or CompleteMultipartUpload is atomic), so unlike the filesystem adapter
 * there is no temp name to rename; a failed multipart upload is aborted.
 */
export class S3BlobStore implements BlobStorePort {
  constructor(
    private readonly client: S3Client,
    private readonly location: S3Location,
  ) {}

  keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new CourtError('INVALID_INPUT', { message: `不是有效的 sha256：${sha256}`, messageEn: `not a sha256: ${sha256}` });
    return `${this.location.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  private target(key?: string): S3Target {
    return { endpoint: this.location.endpoint, bucket: this.location.bucket, key };
  }

  /** Start-up check: endpoint reachable, credentials accepted, bucket present. Write access is first used by an upload. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket }), { requestTimeout: 10_000 });
    } catch (err) {
      throw blobStoreError(err, this.target(), 'bucket');
    }
  }

  async size(sha256: string): Promise<number | null> {
    const key = this.keyOf(sha256);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: key }));
      if (head.ContentLength === undefined) {
        throw new CourtError('SYNC_BLOB_STORE_FAILED', { message: `对象存储没有答复 ${key} 的大小`, messageEn: `no Content-Length for ${key}`, details: { key } });
      }
      return head.ContentLength;
    } catch (err) {
      if (is404(err)) return null;
      throw blobStoreError(err, this.target(key));
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  /**
   * Sends the file (one PUT below 5 MiB, else multipart, four parts in flight) with a SHA-256 checksum
   * on every request, which stores that support additional checksums (S3, MinIO) verify on receipt. Two
   * instances adopting the same bytes at once both write identical content; a HEAD first makes the
   * common replay a no-op.
   */
  async adopt(sha256: string, localFile: string): Promise<void> {
    const key = this.keyOf(sha256);
    if (!(await this.has(sha256))) {
      const { size } = await stat(localFile);
      const body = createReadStream(localFile);
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.location.bucket, Key: key, Body: body, ContentLength: size, ContentType: 'application/octet-stream', ChecksumAlgorithm: 'SHA256' },
        // We abort ourselves: lib-storage would report a failed abort instead of why the upload failed.
        leavePartsOnError: true,
      });
      try {
        await upload.done();
      } catch (err) {
        if (upload.uploadId) {
          // Parts of an unfinished upload are never visible as the object. If this abort fails too,
          // the bucket's AbortIncompleteMultipartUpload lifecycle rule reclaims them (server/README.md).
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.location.bucket, Key: key, UploadId: upload.uploadId })).catch(() => undefined);
        }
        throw blobStoreError(err, this.target(key));
      } finally {
        body.destroy();
      }
    }
    await unlink(localFile).catch(() => undefined);
  }

  async openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const key = this.keyOf(sha256);
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(out.Body instanceof Readable)) throw new CourtError('SYNC_BLOB_STORE_FAILED', { message: `对象存储没有返回 ${key} 的内容`, messageEn: `no body for ${key}` });
      // The HTTP answer already promised exactly these bytes; a store that serves another range must not go unnoticed.
      if (range && !out.ContentRange?.startsWith(`bytes ${range.start}-${range.end}/`)) {
        out.Body.destroy();
        throw new CourtError('SYNC_BLOB_STORE_FAILED', {
          message: `对象存储返回的范围（${out.ContentRange ?? '整个文件'}）与请求的 ${range.start}-${range.end} 不符`,
          messageEn: `asked for bytes ${range.start}-${range.end}, the store answered ${out.ContentRange ?? 'the whole object'}`,
          details: { key, range, contentRange: out.ContentRange },
        });
      }
      return out.Body;
    } catch (err) {
      if (err instanceof S3ServiceException && err.name !== 'NoSuchBucket' && is404(err)) throw new CourtError('SYNC_DOSSIER_NOT_FOUND', { details: { sha256 } });
      throw blobStoreError(err, this.target(key));
    }
  }
}
