import type { Readable } from 'node:stream';

/**
 * Where dossier bytes live, named by their sha256. The filesystem adapter serves a shared
 * directory (NFS/CephFS) for several instances; s3BlobStore.ts keeps them in an S3-compatible bucket
 * (MinIO, Ceph RGW; see server/README.md).
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
