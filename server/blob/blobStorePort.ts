import type { Readable } from 'node:stream';

/**
 * Where dossier bytes live, named by their sha256. The filesystem adapter serves a shared
 * directory (NFS/CephFS) for several instances; an object-storage adapter implements the same four calls
 * (see server/README.md for what an S3 adapter needs).
 */
export interface BlobStorePort {
  has(sha256: string): Promise<boolean>;
  /** Byte length, or null when absent. */
  size(sha256: string): Promise<number | null>;
  /**
   * Takes over a local file whose sha256 the caller has already verified. Idempotent: when the blob
   * exists the file is simply removed. The blob becomes visible whole or not at all.
   */
  adopt(sha256: string, localFile: string): Promise<void>;
  /** Throws SYNC_DOSSIER_NOT_FOUND when absent. `range` is inclusive, as HTTP Range is. */
  openRead(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
}
