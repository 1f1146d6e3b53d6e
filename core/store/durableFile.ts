import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a whole file so that a crash leaves either the old state or the complete new file, never
 * a torn one: a temp file beside it, fsync, then publish under the final name, then fsync the
 * directory entry. `exclusive` publishes with link() and keeps a file another process made first
 * (returns false then); otherwise rename() replaces.
 */
export function writeFileDurably(file: string, bytes: string | Uint8Array, opts: { mode?: number; dirMode?: number; exclusive?: boolean } = {}): boolean {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: opts.dirMode });
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', opts.mode ?? 0o640);
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  let published = true;
  if (opts.exclusive) {
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      published = false;
    } finally {
      unlinkSync(tmp);
    }
  } else {
    renameSync(tmp, file);
  }
  fsyncDirectory(dir);
  return published;
}
