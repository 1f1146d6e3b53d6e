import type { LoginThrottle } from './auth/loginThrottle.js';
import type { BlobStorePort } from './blob/blobStorePort.js';
import type { Pool } from './db/pool.js';

/** Everything a request handler may touch. Nothing here is per-process state that another instance would miss. */
export interface ServerContext {
  pool: Pool;
  /**
   * Connections that hold advisory locks (tus uploads, finishing an upload). Kept apart from `pool`
   * so lock holders that need a query connection can never starve each other of one.
   */
  lockPool: Pool;
  blobs: BlobStorePort;
  /** tus staging directory, shared by all instances (upload data + its .json metadata). */
  stagingDir: string;
  tokenTtlSeconds: number;
  /** Lifetime of a workstation login's renewal credentials, counted from the login. */
  renewalTtlSeconds: number;
  loginThrottle: LoginThrottle;
  /** Enrol unknown workstations on first login; otherwise an administrator enables them. */
  autoEnroll: boolean;
  maxChunkBytes: number;
  maxUploadBytes: number;
  /** Names this process in logs and audit rows. */
  instance: string;
}
