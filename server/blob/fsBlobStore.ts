import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { CourtError } from '../../core/contract/index.js';
import { SHA256_HEX } from '../../core/sync/dossierVersion.js';
import type { BlobStorePort } from './blobStorePort.js';

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Content-addressed files: <root>/ab/cd/<sha256>; written to a temp name, fsynced, renamed, directory fsynced. */
export class FsBlobStore implements BlobStorePort {
  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new CourtError('INVALID_INPUT', { message: `不是有效的 sha256：${sha256}`, messageEn: `not a sha256: ${sha256}` });
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async adopt(sha256: string, localFile: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await unlink(localFile).catch(() => undefined);
      return;
    }
    const dir = dirname(target);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await rename(localFile, tmp);
    } catch (err) {
      // Staging on another filesystem: copy instead of moving.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(localFile, tmp);
      await unlink(localFile);
    }
    await fsyncPath(tmp);
    await rename(tmp, target);
    await fsyncPath(dir);
  }

  async openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(sha256);
    if (!(await this.has(sha256))) throw new CourtError('SYNC_DOSSIER_NOT_FOUND', { details: { sha256 } });
    return createReadStream(path, range);
  }
}
