import { execFile } from 'node:child_process';

export type ProgramFailure =
  | { kind: 'missing' }
  | { kind: 'aborted' }
  | { kind: 'timeout' }
  | { kind: 'exit'; code: number | null; stderr: string };

export class ProgramError extends Error {
  constructor(readonly failure: ProgramFailure) {
    super(`program failed: ${failure.kind}`);
  }
}

export interface RunOptions {
  /** Bytes piped to the program's stdin. */
  input?: Uint8Array;
  signal?: AbortSignal;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const MAX_OUTPUT = 512 * 1024 * 1024;

/**
 * Runs a program with an argument array (never through a shell, so file names are inert),
 * collecting stdout as bytes. Aborting the signal or passing the timeout kills the process.
 */
export function runProgram(file: string, args: readonly string[], opts: RunOptions = {}): Promise<{ stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { encoding: 'buffer', maxBuffer: MAX_OUTPUT, signal: opts.signal, timeout: opts.timeoutMs ?? 0, env: opts.env, windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, stderr: stderr.toString('utf8') });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number | null };
        if (e.code === 'ENOENT' || e.code === 'EACCES') return reject(new ProgramError({ kind: 'missing' }));
        if (e.name === 'AbortError' || opts.signal?.aborted) return reject(new ProgramError({ kind: 'aborted' }));
        if (e.killed) return reject(new ProgramError({ kind: 'timeout' }));
        reject(new ProgramError({ kind: 'exit', code: typeof e.code === 'number' ? e.code : null, stderr: stderr.toString('utf8') }));
      },
    );
    // The program may exit before reading all its input (bad image); that is reported by its exit status.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input);
  });
}
