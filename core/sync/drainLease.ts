import { hostname } from 'node:os';
import { CourtError } from '../contract/index.js';
import type { Db } from '../store/database.js';

/** The process draining the outbox, as the status and SYNC_BUSY describe it. */
export interface LeaseHolder {
  label: string;
  pid: number;
  host: string;
  since: string;
}

interface Row {
  holder: string;
  label: string;
  pid: number;
  host: string;
  acquired_at: string;
  expires_at: number;
}

/** Long enough that a busy event loop renews in time; short enough that a frozen holder is taken over soon. */
export const LEASE_TTL_MS = 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another account.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function live(row: Row | undefined, now: number): row is Row {
  if (!row || row.expires_at <= now) return false;
  // A holder on this machine whose process is gone (kill -9, power cut) is known dead at once.
  return row.host !== hostname() || alive(row.pid);
}

const toHolder = (r: Row): LeaseHolder => ({ label: r.label, pid: r.pid, host: r.host, since: r.acquired_at });

/** Who holds the lease now, or null when nobody live does. */
export function leaseHolder(db: Db, now = Date.now()): LeaseHolder | null {
  const row = db.prepare('SELECT * FROM sync_lease WHERE id = 1').get() as Row | undefined;
  return live(row, now) ? toHolder(row) : null;
}

/**
 * Takes the store's single drain lease for `holder`, so that the UI's background sync and a
 * `courtdesk sync` in another process never upload the same outbox at once. Returns the live
 * holder when someone else has it.
 */
export function acquireDrainLease(db: Db, holder: string, label: string, now = Date.now()): LeaseHolder | null {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT * FROM sync_lease WHERE id = 1').get() as Row | undefined;
      if (live(row, now) && row.holder !== holder) return toHolder(row);
      db.prepare(
        `INSERT INTO sync_lease (id, holder, label, pid, host, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, label = excluded.label, pid = excluded.pid, host = excluded.host,
           acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
      ).run(holder, label, process.pid, hostname(), new Date(now).toISOString(), now + LEASE_TTL_MS);
      return null;
    })
    .immediate();
}

/** Keeps the lease alive; a lease someone took over meanwhile is not taken back. */
export function renewDrainLease(db: Db, holder: string): void {
  db.prepare('UPDATE sync_lease SET expires_at = ? WHERE id = 1 AND holder = ?').run(Date.now() + LEASE_TTL_MS, holder);
}

export function releaseDrainLease(db: Db, holder: string): void {
  db.prepare('DELETE FROM sync_lease WHERE holder = ?').run(holder);
}

export function busyError(h: LeaseHolder): CourtError {
  return new CourtError('SYNC_BUSY', {
    message: `本工作站的另一个同步正在进行（${h.label}，${h.host} 上的进程 ${h.pid}）`,
    messageEn: `Another sync of this workstation is running (${h.label}, pid ${h.pid} on ${h.host})`,
    details: { ...h },
  });
}

/** Holds the lease for the duration of fn, renewing it meanwhile; SYNC_BUSY when another drain holds it. */
export async function withDrainLease<T>(db: Db, holder: string, label: string, fn: () => Promise<T>): Promise<T> {
  const heldBy = acquireDrainLease(db, holder, label);
  if (heldBy) throw busyError(heldBy);
  const timer = setInterval(() => {
    try {
      renewDrainLease(db, holder);
    } catch {
      // The store was closed under a paused drain; nothing left to renew.
      clearInterval(timer);
    }
  }, LEASE_TTL_MS / 3);
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    try {
      releaseDrainLease(db, holder);
    } catch {
      // Closed store: the lease expires by itself.
    }
  }
}
