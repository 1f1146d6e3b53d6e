import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SyncProgress } from '../../../core/sync/progress.js';
import type { SyncReport } from '../../../core/sync/syncClient.js';

export type Line = SyncProgress | { kind: 'report'; report: SyncReport };

/** Runs syncWorker.ts in its own process; `until` may kill it (returns true) on a progress line. Resolves with every line it printed. */
export function runWorker(store: string, limit: number, until?: (line: Line) => boolean, opts: { chunk?: number; server?: string } = {}): Promise<{ lines: Line[]; killed: boolean }> {
  const args = [join(import.meta.dirname, 'syncWorker.ts'), store, String(limit), String(opts.chunk ?? 4 * 1024 * 1024), ...(opts.server ? [opts.server] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let killed = false;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Line;
    lines.push(line);
    if (!killed && until?.(line)) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (killed || code === 0 ? resolve({ lines, killed }) : reject(new Error(`worker exited ${code}: ${stderr}`)))),
  );
}

