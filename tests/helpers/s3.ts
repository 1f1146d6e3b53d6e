import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client, type S3Settings } from '../../server/blob/s3BlobStore.js';

/** s3rver's built-in account. */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** What the server's config would resolve to, for `endpoint` (or another, e.g. a proxy in front). */
  settings(opts?: { endpoint?: string; prefix?: string; bucket?: string; accessKeyId?: string }): S3Settings;
  /** A client the test owns; destroyed by stop(). */
  client(opts?: Parameters<TestS3['settings']>[0]): S3Client;
  stop(): Promise<void>;
}

/**
 * s3rver (the S3 REST protocol over a directory) on 127.0.0.1, a free port, with one bucket.
 * It does not check SigV4 signatures (only that the access key exists), checksums, or
 * AbortMultipartUpload; see server/README.md.
 */
export async function startTestS3(bucket = 'courtdesk-test'): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  const settings: TestS3['settings'] = (opts = {}) => ({
    endpoint: opts.endpoint ?? endpoint,
    bucket: opts.bucket ?? bucket,
    region: 'us-east-1',
    prefix: opts.prefix ?? '',
    accessKeyId: opts.accessKeyId ?? S3_CREDENTIALS.AWS_ACCESS_KEY_ID,
    secretAccessKey: S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
  });
  return {
    endpoint,
    bucket,
    settings,
    client(opts) {
      const client = createS3Client(settings(opts));
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) c.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
