import { mkdir } from 'node:fs/promises';
import type { BlobStorePort } from './blobStorePort.js';
import type { BlobStoreConfig } from './blobStoreConfig.js';
import { FsBlobStore } from './fsBlobStore.js';
import { createS3Client, S3BlobStore } from './s3BlobStore.js';

/** The configured store, checked before the server takes requests: a wrong endpoint, key or bucket stops start-up with its remedy. */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStorePort> {
  if (config.kind === 'fs') {
    await mkdir(config.dir, { recursive: true });
    return new FsBlobStore(config.dir);
  }
  const store = new S3BlobStore(createS3Client(config), config);
  await store.checkBucket();
  return store;
}
