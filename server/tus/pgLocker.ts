import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS, type Lock, type Locker } from '@tus/server';
import type { Client, Pool } from '../db/pool.js';

/**
 * tus upload locks shared by every instance: a PostgreSQL session advisory lock held on one pooled
 * connection. PostgreSQL drops it when the holder's connection dies, so a killed instance never
 * leaves an upload locked. A waiter does not hold a connection while it waits.
 */
export class PgLocker implements Locker {
  constructor(
    private readonly pool: Pool,
    private readonly timeoutMs = 20_000,
  ) {}

  newLock(id: string): Lock {
    return new PgLock(this.pool, `tus:${id}`, this.timeoutMs);
  }
}

class PgLock implements Lock {
  private held: Client | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly key: string,
    private readonly timeoutMs: number,
  ) {}

  // Locks are taken only after a chunk is fully received and verified, so holders finish quickly and
  // asking them to let go early (tus's requestRelease) is not needed.
  async lock(signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      if (signal.aborted) throw ERRORS.ABORTED;
      const client = await this.pool.connect();
      let got = false;
      try {
        got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [this.key])).rows[0].ok;
      } finally {
        if (!got) client.release();
      }
      if (got) {
        this.held = client;
        return;
      }
      if (Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await sleep(wait);
    }
  }

  async unlock(): Promise<void> {
    const client = this.held;
    this.held = null;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key]);
      client.release();
    } catch (err) {
      // A broken connection has lost the lock anyway; do not return it to the pool.
      client.release(err as Error);
    }
  }
}

/** Runs fn while holding the named lock (used to finish an upload once across instances). */
export async function withLock<T>(locker: Locker, id: string, fn: () => Promise<T>): Promise<T> {
  const lock = locker.newLock(id);
  await lock.lock(new AbortController().signal, () => undefined);
  try {
    return await fn();
  } finally {
    await lock.unlock();
  }
}
