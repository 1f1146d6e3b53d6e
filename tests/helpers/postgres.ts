import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../../server/db/postgresCluster.js';

export interface TestPostgres {
  /** Connection string for the `postgres` database of a superuser `courtdesk`, trusted on 127.0.0.1. */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 (free port, unix socket in its temp dir), fsync off.
 * As root (CI) the cluster runs as the `postgres` account; otherwise as the current user.
 * Call stop() in afterAll; it also removes the directory.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-pg-'));
  // mkdtemp makes it 0700; the postgres account must be able to enter it when we are root.
  chmodSync(dir, 0o711);
  const cluster = await startCluster({ root: join(dir, 'cluster'), superuser: 'courtdesk', unsafeFast: true });
  let stopped = false;
  return {
    url: cluster.url('postgres'),
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await cluster.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
