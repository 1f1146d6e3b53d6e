import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..', '..');
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** stderr so far, for failure messages. */
  log(): string;
  /** SIGKILL (a crash) or SIGTERM (orderly stop); resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerArgs {
  dataDir: string;
  databaseUrl?: string;
  port?: number;
  blobDir?: string;
  stagingDir?: string;
  instance?: string;
  extra?: string[];
  /** Added to the environment, e.g. object-storage credentials. */
  env?: Record<string, string>;
}

/** Starts `node --import tsx server/main.ts` and waits for its "listening" line. */
export async function spawnServer(args: ServerArgs): Promise<ServerProcess> {
  const argv = ['--import', 'tsx', 'server/main.ts', '--port', String(args.port ?? 0), '--data-dir', args.dataDir, '--auto-enroll'];
  if (args.databaseUrl) argv.push('--database-url', args.databaseUrl);
  if (args.blobDir) argv.push('--blob-dir', args.blobDir);
  if (args.stagingDir) argv.push('--staging-dir', args.stagingDir);
  if (args.instance) argv.push('--instance', args.instance);
  argv.push(...(args.extra ?? []));
  const child = spawn(process.execPath, argv, {
    cwd: repo,
    env: { ...process.env, COURTDESK_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '', ...args.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${stderr}`));
    });
  });
  return {
    url: ready.url,
    port: Number(new URL(ready.url).port),
    child,
    log: () => stderr,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A JSON call with an optional bearer token and workstation header, returning status and parsed body. */
export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; workstation?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.workstation ? { 'courtdesk-workstation': opts.workstation } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function adminToken(base: string): Promise<string> {
  const res = await api<{ token: string }>(base, 'POST', '/api/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  if (res.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export async function addUser(base: string, token: string, username: string, roles: string[], password = `${username}-password`): Promise<string> {
  const res = await api(base, 'POST', '/api/admin/users', { token, body: { username, displayName: username, roles, password } });
  if (res.status !== 200) throw new Error(`add user failed: ${JSON.stringify(res.body)}`);
  return password;
}
