import { join } from 'node:path';
import type { DriverSpawner } from '../../native/scanning/driverProcess.js';
import { forkUtilityWorker } from './utilityWorker.js';

/**
 * The scanner driver in an Electron utility process: a backend that crashes takes down only that
 * process, and the packaged app needs no runAsNode fuse for child_process.fork.
 */
export function utilityDriverSpawner(electronDir: string): DriverSpawner {
  return (env) => {
    const child = forkUtilityWorker(join(electronDir, 'driverHost.cjs'), 'CourtDesk 扫描仪驱动', env);
    let running = true;
    let gone: ((cause: string) => void) | null = null;
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code) => {
        running = false;
        gone?.(`exit code ${code}`);
        gone = null;
        resolve();
      }),
    );
    return {
      get pid() {
        return child.pid;
      },
      get connected() {
        return running;
      },
      send: (request) => {
        if (running) child.postMessage(request);
      },
      onMessage: (listener) => child.on('message', listener),
      onStderr: (listener) => child.stderr?.on('data', listener),
      onGone: (listener) => (gone = listener),
      // A utility process never holds the main process open: the app quits on its own lifecycle.
      hold: () => {},
      kill: () => void child.kill(),
      end: () => {
        child.kill();
        return exited;
      },
    };
  };
}
