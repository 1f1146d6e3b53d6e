import { fork } from 'node:child_process';
import { siblingModule } from '../../core/config/siblingModule.js';
import { driverExecPath } from './driverChoice.js';
import type { DriverRequest } from './protocol.js';

/**
 * The driver host's process as IsolatedScanner sees it: a child_process.fork in Node hosts, an
 * Electron utility process on the desktop (electron/main/utilityDriver.ts), where fork would need
 * the runAsNode fuse the packaged app turns off.
 */
export interface DriverProcess {
  readonly pid: number | undefined;
  readonly connected: boolean;
  send(request: DriverRequest): void;
  onMessage(listener: (raw: unknown) => void): void;
  onStderr(listener: (chunk: Buffer) => void): void;
  /** Called once, when the process exits or cannot be started. */
  onGone(listener: (cause: string) => void): void;
  /** Whether the process may keep the host's event loop alive: only while a request is outstanding. */
  hold(busy: boolean): void;
  kill(): void;
  /** Asks the driver to release its devices and exit; resolves once it has. */
  end(): Promise<void>;
}

export type DriverSpawner = (env: NodeJS.ProcessEnv) => DriverProcess;

function driverEntry(): { file: string; execArgv: string[] } {
  const file = siblingModule('driverHost', import.meta.url).pathname;
  const ts = file.endsWith('.ts');
  // From TypeScript sources the child needs tsx's loader, resolved from here so any working directory works; a built app runs plain JavaScript.
  return { file, execArgv: ts ? ['--import', import.meta.resolve('tsx')] : [] };
}

/** The driver host as a Node child process; it exits when the IPC channel is closed. */
export const forkDriver: DriverSpawner = (env) => {
  const { file, execArgv } = driverEntry();
  // A configured executable (a 32-bit node.exe for 32-bit-only TWAIN sources) runs the same driver host.
  const child = fork(file, [], { execArgv, execPath: driverExecPath(env), env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let gone: ((cause: string) => void) | null = null;
  const once = (cause: string) => {
    gone?.(cause);
    gone = null;
  };
  child.on('error', (err) => once(err.message));
  child.on('exit', (code, signal) => once(signal ? `signal ${signal}` : `exit code ${code}`));
  return {
    get pid() {
      return child.pid;
    },
    get connected() {
      return child.connected;
    },
    send: (request) => {
      if (child.connected) child.send(request);
    },
    onMessage: (listener) => child.on('message', listener),
    onStderr: (listener) => child.stderr?.on('data', listener),
    onGone: (listener) => (gone = listener),
    hold: (busy) => {
      for (const handle of [child, child.channel, child.stderr] as ({ ref(): void; unref(): void } | null | undefined)[]) {
        if (busy) handle?.ref();
        else handle?.unref();
      }
    },
    kill: () => child.kill('SIGKILL'),
    end: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // An idle driver is unreferenced; waiting for its exit must keep this process alive.
        child.ref();
        if (child.connected) child.disconnect();
        else child.kill();
      }),
  };
};
