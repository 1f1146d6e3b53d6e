import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { S3BlobStore } from '../../server/blob/s3BlobStore.js';
import { startTestS3 } from '../helpers/s3.js';

const MiB = 1024 * 1024;
const SIZE = 64 * MiB;
const ROUNDS = 3;

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

/**
 * The server's S3 adapter storing a 64 MiB dossier (HEAD, multipart via lib-storage, SHA-256 per part)
 * beside one bare PutObject of the same bytes (no checksum), and beside a bare lib-storage multipart
 * upload (no HEAD, no checksum), all to the same s3rver on loopback. Rounds interleave and the best of
 * each is kept, so a burst of load on the shared machine hits all alike.
 */
export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-s3-'));
  const s3 = await startTestS3('courtdesk-bench');
  const settings = s3.settings();
  // Bare: no checksum of any kind on the request.
  const raw = new S3Client({ endpoint: settings.endpoint, region: settings.region, forcePathStyle: true, credentials: settings, requestChecksumCalculation: 'WHEN_REQUIRED' });
  try {
    const store = new S3BlobStore(s3.client(), settings);
    const file = join(dir, 'dossier.bin');
    const ours: number[] = [];
    const baseline: number[] = [];
    const bareMultipart: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Fresh bytes each round: the adapter skips what the bucket already holds.
      const bytes = randomBytes(SIZE);
      writeFileSync(file, bytes);
      const sha = createHash('sha256').update(bytes).digest('hex');
      baseline.push(await seconds(() => raw.send(new PutObjectCommand({ Bucket: settings.bucket, Key: `raw/${sha}`, Body: createReadStream(file), ContentLength: SIZE }))));
      const staged = join(dir, `staged-${round}.bin`);
      copyFileSync(file, staged);
      ours.push(await seconds(() => store.adopt(sha, staged)));
      bareMultipart.push(await seconds(() => new Upload({ client: raw, params: { Bucket: settings.bucket, Key: `multipart/${sha}`, Body: createReadStream(file), ContentLength: SIZE } }).done()));
    }
    const oursRate = SIZE / MiB / Math.min(...ours);
    const rawRate = SIZE / MiB / Math.min(...baseline);
    const multipartRate = SIZE / MiB / Math.min(...bareMultipart);
    return [
      {
        name: 's3.adopt_mib_per_second',
        value: +oursRate.toFixed(1),
        baseline: +rawRate.toFixed(1),
        ratio: +(oursRate / rawRate).toFixed(3),
        unit: 'MiB/s',
        how: `64 MiB dossier: S3BlobStore.adopt (HEAD + 13 × 5 MiB parts, 4 in flight, SHA-256 per part) vs one PutObject of the same file, s3rver on loopback, best of ${ROUNDS} each`,
      },
      {
        name: 's3.adopt_vs_bare_multipart',
        value: +oursRate.toFixed(1),
        baseline: +multipartRate.toFixed(1),
        ratio: +(oursRate / multipartRate).toFixed(3),
        unit: 'MiB/s',
        how: 'same run: the adapter vs lib-storage multipart of the same file without HEAD or checksums; separates our overhead from what multipart costs on s3rver (which concatenates the parts on disk)',
      },
    ];
  } finally {
    raw.destroy();
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
