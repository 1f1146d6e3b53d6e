import { createHash, randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { buffer } from 'node:stream/consumers';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../../server/blob/s3BlobStore.js';
import { startTestS3, type TestS3 } from '../../helpers/s3.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { selfSignedCert } from '../sync/selfSignedCert.js';
import { startS3Proxy, type S3Proxy } from './s3FaultProxy.js';

const MiB = 1024 * 1024;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let s3: TestS3;
let proxy: S3Proxy;
let store: S3BlobStore;
const tempDir = useTempDirs();

type StoreOpts = Parameters<TestS3['settings']>[0];
const storeOn = (opts: StoreOpts = {}) => new S3BlobStore(s3.client(opts), s3.settings(opts));

/** A staged upload as the tus finish step hands it over: a local file of verified bytes. */
function staged(bytes: Uint8Array): string {
  const file = join(tempDir(), 'staged.bin');
  writeFileSync(file, bytes);
  return file;
}

async function sha256Of(store: S3BlobStore, sha: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(await store.openRead(sha), hash);
  return hash.digest('hex');
}

/** What reached the store since `mark`: method, path and which multipart call it was. */
const requestsSince = (mark: number) =>
  proxy.log.slice(mark).map((r) => {
    const url = new URL(r.url, 'http://proxy');
    const kind = ['uploads', 'partNumber', 'uploadId'].find((k) => url.searchParams.has(k));
    return `${r.method} ${url.pathname}${kind ? `?${kind}` : ''}`;
  });

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  s3 = await startTestS3();
  proxy = await startS3Proxy(s3.endpoint);
  // Every call goes through the recording proxy, so tests can see what reached the store.
  store = storeOn({ endpoint: proxy.url });
});

beforeEach(() => proxy.setVerdict(() => 'pass'));

afterAll(async () => {
  await proxy?.close();
  await s3?.stop();
});

describe('S3 blob store (against s3rver)', () => {
  it('stores a dossier under its sha256 and reads it back whole and by inclusive ranges', async () => {
    const bytes = randomBytes(300_000);
    const sha = sha256(bytes);
    const file = staged(bytes);
    expect(await store.has(sha)).toBe(false);
    expect(await store.size(sha)).toBeNull();

    const mark = proxy.log.length;
    await store.adopt(sha, file);
    expect(existsSync(file)).toBe(false);
    // s3rver ignores it; MinIO, Ceph and S3 refuse a body that does not match.
    const put = proxy.log.slice(mark).find((r) => r.method === 'PUT');
    expect(put?.checksumSha256).toBe(Buffer.from(sha, 'hex').toString('base64'));
    expect(await store.has(sha)).toBe(true);
    expect(await store.size(sha)).toBe(300_000);
    // The layout backup tools and a second server rely on.
    const head = await s3.client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `sha256/${sha.slice(0, 2)}/${sha}` }));
    expect(head.ContentLength).toBe(300_000);

    expect((await buffer(await store.openRead(sha))).equals(bytes)).toBe(true);
    for (const [start, end] of [[0, 9], [1000, 1000], [299_990, 299_999]]) {
      expect((await buffer(await store.openRead(sha, { start, end }))).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
    // s3rver reads `bytes=0-0` as the whole object (it treats an end of 0 as absent): wrong bytes are refused, not served.
    await expect(store.openRead(sha, { start: 0, end: 0 })).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_FAILED' });
  });

  it('adopting bytes it already holds uploads nothing and removes the staged file, also when two instances race', async () => {
    const bytes = randomBytes(50_000);
    const sha = sha256(bytes);
    await store.adopt(sha, staged(bytes));
    const mark = proxy.log.length;
    const again = staged(bytes);
    await store.adopt(sha, again);
    expect(existsSync(again)).toBe(false);
    expect(requestsSince(mark)).toEqual([`HEAD /${s3.bucket}/sha256/${sha.slice(0, 2)}/${sha}`]);

    const fresh = randomBytes(70_000);
    const freshSha = sha256(fresh);
    await Promise.all([store.adopt(freshSha, staged(fresh)), storeOn().adopt(freshSha, staged(fresh))]);
    expect(await sha256Of(store, freshSha)).toBe(freshSha);
  });

  it('streams a multi-megabyte dossier up in parts and back with the same sha256', async () => {
    const bytes = randomBytes(24 * MiB);
    const sha = sha256(bytes);
    const mark = proxy.log.length;
    await store.adopt(sha, staged(bytes));
    const calls = requestsSince(mark);
    expect(calls.filter((c) => c.endsWith('?partNumber'))).toHaveLength(5);
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
    const parts = proxy.log.slice(mark).filter((r) => r.url.includes('partNumber='));
    const first = sha256(bytes.subarray(0, 5 * MiB));
    expect(parts.find((r) => new URL(r.url, 'http://proxy').searchParams.get('partNumber') === '1')?.checksumSha256).toBe(Buffer.from(first, 'hex').toString('base64'));

    expect(await store.size(sha)).toBe(24 * MiB);
    expect(await sha256Of(store, sha)).toBe(sha);
    const seam = 5 * MiB;
    const across = await buffer(await store.openRead(sha, { start: seam - 8, end: seam + 7 }));
    expect(across.equals(bytes.subarray(seam - 8, seam + 8))).toBe(true);
  });

  it('says an absent dossier is absent and refuses what is not a sha256', async () => {
    const sha = sha256(randomBytes(16));
    expect(await store.has(sha)).toBe(false);
    await expect(store.openRead(sha)).rejects.toMatchObject({ code: 'SYNC_DOSSIER_NOT_FOUND', details: { sha256: sha } });
    await expect(store.openRead(sha, { start: 0, end: 9 })).rejects.toMatchObject({ code: 'SYNC_DOSSIER_NOT_FOUND' });
    await expect(store.has('../../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('keeps servers with different prefixes in one bucket apart', async () => {
    const a = storeOn({ prefix: 'court-a/' });
    const b = storeOn({ prefix: 'court-b/' });
    const bytes = randomBytes(10_000);
    const sha = sha256(bytes);
    await a.adopt(sha, staged(bytes));
    expect(await a.has(sha)).toBe(true);
    expect(await b.has(sha)).toBe(false);
  });

  it('a multipart upload refused halfway is aborted, leaves no object and keeps the staged file for the retry', async () => {
    const bytes = randomBytes(12 * MiB);
    const sha = sha256(bytes);
    const file = staged(bytes);
    proxy.setVerdict((r) => (r.method === 'PUT' && r.url.includes('partNumber=2') ? 'refuse' : 'pass'));
    const mark = proxy.log.length;
    await expect(store.adopt(sha, file)).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_DENIED' });
    // s3rver does not implement AbortMultipartUpload (405), so only the attempt is observable here.
    expect(requestsSince(mark)).toContain(`DELETE /${s3.bucket}/sha256/${sha.slice(0, 2)}/${sha}?uploadId`);

    proxy.setVerdict(() => 'pass');
    expect(await store.has(sha)).toBe(false);
    expect(existsSync(file)).toBe(true);
    await store.adopt(sha, file);
    expect(await sha256Of(store, sha)).toBe(sha);
  });

  it('an outage in the middle of an upload is reported as unreachable and leaves no object', async () => {
    const bytes = randomBytes(12 * MiB);
    const sha = sha256(bytes);
    const file = staged(bytes);
    let down = false;
    proxy.setVerdict((r) => {
      down ||= r.url.includes('partNumber=2');
      return down ? 'drop' : 'pass';
    });
    const err = await store.adopt(sha, file).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SYNC_BLOB_STORE_UNREACHABLE' });
    expect((err as Error).message).toContain(proxy.url);

    proxy.setVerdict(() => 'pass');
    expect(await store.has(sha)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it('tells the administrator what is wrong: endpoint unreachable, certificate untrusted, key unknown, bucket missing', async () => {
    await expect(storeOn().checkBucket()).resolves.toBeUndefined();

    const unreachable = storeOn({ endpoint: `http://127.0.0.1:${await closedPort()}` });
    const down = await unreachable.checkBucket().catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'SYNC_BLOB_STORE_UNREACHABLE', message: expect.stringContaining('无法连接对象存储'), remedy: expect.stringContaining('--s3-endpoint') });
    await expect(unreachable.has(sha256(randomBytes(8)))).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_UNREACHABLE' });

    const tls = https.createServer(selfSignedCert(), (_req, res) => res.end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const untrusted = storeOn({ endpoint: `https://127.0.0.1:${(tls.address() as net.AddressInfo).port}` });
    await expect(untrusted.checkBucket()).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_UNREACHABLE', remedy: expect.stringContaining('NODE_EXTRA_CA_CERTS') });
    await new Promise((resolve) => tls.close(resolve));

    const stranger = storeOn({ accessKeyId: 'NOT-A-KEY' });
    await expect(stranger.checkBucket()).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_DENIED', remedy: expect.stringContaining('AWS_ACCESS_KEY_ID') });
    await expect(stranger.size(sha256(randomBytes(8)))).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_DENIED' });

    const noBucket = storeOn({ bucket: 'no-such-bucket' });
    await expect(noBucket.checkBucket()).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_NO_BUCKET', message: expect.stringContaining('no-such-bucket') });
    const bytes = randomBytes(1000);
    await expect(noBucket.adopt(sha256(bytes), staged(bytes))).rejects.toMatchObject({ code: 'SYNC_BLOB_STORE_NO_BUCKET' });
  });
});
