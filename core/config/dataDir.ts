import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** --data-dir, else COURTDESK_HOME, else the Electron userData folder, else ~/.courtdesk. */
export function resolveDataDir(opts: { flag?: string; env?: NodeJS.ProcessEnv; electronUserData?: string } = {}): string {
  const env = opts.env ?? process.env;
  const chosen = opts.flag ?? env.COURTDESK_HOME ?? opts.electronUserData ?? join(homedir(), '.courtdesk');
  return resolve(chosen);
}

export const storeFile = (dataDir: string) => join(dataDir, 'courtdesk.sqlite');
export const blobDir = (dataDir: string) => join(dataDir, 'pages');
