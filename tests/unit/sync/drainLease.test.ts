import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { acquireDrainLease, LEASE_TTL_MS, leaseHolder, releaseDrainLease, withDrainLease } from '../../../core/sync/drainLease.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const store = (): Db => openDatabase(join(tempDir(), 'courtdesk.sqlite'));

/** A pid that surely belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function plant(db: Db, over: { pid: number; host?: string; expiresAt?: number }): void {
  db.prepare("INSERT INTO sync_lease (id, holder, label, pid, host, acquired_at, expires_at) VALUES (1, 'crashed', 'courtdesk sync', ?, ?, '2024-01-01T00:00:00Z', ?)").run(
    over.pid,
    over.host ?? hostname(),
    over.expiresAt ?? Date.now() + LEASE_TTL_MS,
  );
}

describe('the outbox drain lease', () => {
  it('lets one holder drain at a time and names the one that has it', async () => {
    const db = store();
    expect(acquireDrainLease(db, 'desk', '工作站界面的后台同步')).toBeNull();
    expect(acquireDrainLease(db, 'desk', '工作站界面的后台同步')).toBeNull();
    expect(acquireDrainLease(db, 'cli', 'courtdesk sync')).toMatchObject({ label: '工作站界面的后台同步', pid: process.pid, host: hostname() });
    await expect(withDrainLease(db, 'cli', 'courtdesk sync', async () => 'ran')).rejects.toMatchObject({ code: 'SYNC_BUSY' });
    releaseDrainLease(db, 'desk');
    expect(leaseHolder(db)).toBeNull();
    await expect(withDrainLease(db, 'cli', 'courtdesk sync', async () => leaseHolder(db)?.label)).resolves.toBe('courtdesk sync');
    // Released when the drain ends.
    expect(leaseHolder(db)).toBeNull();
    db.close();
  });

  it('is taken over at once from a holder on this machine whose process is gone (kill -9)', () => {
    const db = store();
    plant(db, { pid: deadPid() });
    expect(leaseHolder(db)).toBeNull();
    expect(acquireDrainLease(db, 'desk', '工作站界面的后台同步')).toBeNull();
    db.close();
  });

  it('waits for a holder on another machine until its lease runs out', () => {
    const db = store();
    plant(db, { pid: 1, host: 'another-workstation' });
    expect(acquireDrainLease(db, 'desk', '工作站界面的后台同步')).toMatchObject({ host: 'another-workstation' });
    db.prepare('UPDATE sync_lease SET expires_at = ?').run(Date.now() - 1);
    expect(acquireDrainLease(db, 'desk', '工作站界面的后台同步')).toBeNull();
    db.close();
  });
});
