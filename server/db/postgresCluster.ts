import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 binaries; COURTDESK_PG_BIN points elsewhere (another version, another distribution). */
export const pgBin = () => process.env.COURTDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

interface Account {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root, so as root its programs run as the `postgres` account (Debian creates it). */
function postgresAccount(): Account | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root but there is no `postgres` account to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

async function pg(program: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const binary = join(pgBin(), program);
  const asPostgres = postgresAccount() !== null;
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  return run(cmd, argv, { cwd, encoding: 'utf8' });
}

function own(path: string, account: Account | null): void {
  if (account) chownSync(path, account.uid, account.gid);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClusterOptions {
  /** Holds data/ (PGDATA), run/ (unix socket) and postgres.log; created if missing. */
  root: string;
  superuser: string;
  /** scram-sha-256 password; without one the cluster trusts loopback connections (throwaway test clusters only). */
  password?: string;
  /** Skip fsync and WAL safety: for throwaway test clusters, never for data that matters. */
  unsafeFast?: boolean;
}

export interface RunningCluster {
  port: number;
  url(database: string): string;
  stop(): Promise<void>;
}

/** Initialises (once) and starts a cluster on 127.0.0.1, or joins it when it is already running (e.g. after kill -9 of the server). */
export async function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const account = postgresAccount();
  const data = join(opts.root, 'data');
  const socketDir = join(opts.root, 'run');
  mkdirSync(opts.root, { recursive: true, mode: 0o700 });
  own(opts.root, account);
  if (account) await checkReachable(opts.root);
  if (!existsSync(join(data, 'PG_VERSION'))) await initCluster(opts, data, account);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  own(socketDir, account);

  let port = runningPort(data);
  if (port === null) {
    port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k '${socketDir}'`,
      "-c listen_addresses='127.0.0.1'",
      '-c max_connections=200',
      ...(opts.unsafeFast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
    ];
    await pg('pg_ctl', ['-D', data, '-l', join(opts.root, 'postgres.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start'], opts.root);
  }
  const auth = opts.password ? `${encodeURIComponent(opts.superuser)}:${encodeURIComponent(opts.password)}` : encodeURIComponent(opts.superuser);
  const listening = port;
  return {
    port: listening,
    url: (database) => `postgres://${auth}@127.0.0.1:${listening}/${encodeURIComponent(database)}`,
    stop: async () => {
      await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], opts.root);
    },
  };
}

/** As root, fail early and clearly when a parent directory (e.g. a 0700 home or temp dir) shuts the postgres account out. */
async function checkReachable(root: string): Promise<void> {
  try {
    await run('runuser', ['-u', 'postgres', '--', 'test', '-w', root], { cwd: '/' });
  } catch {
    throw new Error(
      `PostgreSQL runs as the postgres account, which cannot reach ${root}; make its parent directories passable (chmod o+x) or choose another data directory`,
    );
  }
}

async function initCluster(opts: ClusterOptions, data: string, account: Account | null): Promise<void> {
  rmSync(data, { recursive: true, force: true });
  const args = ['-D', data, '-U', opts.superuser, '-E', 'UTF8', '--locale=C.UTF-8'];
  let pwfile: string | undefined;
  if (opts.password) {
    pwfile = join(opts.root, '.initdb-pw');
    writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600 });
    own(pwfile, account);
    args.push('-A', 'scram-sha-256', `--pwfile=${pwfile}`);
  } else {
    args.push('-A', 'trust');
  }
  if (opts.unsafeFast) args.push('--no-sync');
  try {
    await pg('initdb', args, opts.root);
  } finally {
    if (pwfile) rmSync(pwfile, { force: true });
  }
}

/** The port of a postmaster still running on this data directory (line 4 of postmaster.pid), or null. */
function runningPort(data: string): number | null {
  const pidFile = join(data, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but owned by the postgres account.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const port = Number(portLine);
  return Number.isInteger(port) && port > 0 ? port : null;
}
