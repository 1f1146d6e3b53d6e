import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConfigstore, FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';

export const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** @tus/file-store writes the upload's .json in place; a kill mid-write would tear it, so write-then-rename. */
class AtomicConfigstore extends FileConfigstore {
  override async set(key: string, value: Upload): Promise<void> {
    if (!UPLOAD_ID.test(key)) throw new Error(`invalid upload id ${key}`);
    const tmp = join(this.directory, `.${key}.${randomBytes(4).toString('hex')}.tmp`);
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, join(this.directory, `${key}.json`));
  }
}

/**
 * Upload data and metadata in one directory every instance shares, so any instance can resume any
 * upload. Chunks are not fsynced one by one: after an OS crash the offset is whatever survived and
 * the client resumes from there, and torn bytes cannot slip through because the whole file is
 * re-hashed before it enters the blob store (which does fsync).
 */
export class StagingStore extends FileStore {
  constructor(readonly stagingDir: string, expirationMs: number) {
    super({ directory: stagingDir, configstore: new AtomicConfigstore(stagingDir), expirationPeriodInMilliseconds: expirationMs });
    this.extensions.push('checksum');
  }

  dataPath(id: string): string {
    return join(this.stagingDir, id);
  }

  /** Forgets a staged upload whose bytes have moved to the blob store. */
  async forget(id: string): Promise<void> {
    await rm(join(this.stagingDir, `${id}.json`), { force: true });
    await rm(this.dataPath(id), { force: true });
  }
}
