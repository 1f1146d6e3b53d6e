import { isAbsolute } from 'node:path';

/** Environment variable naming the worker module the utility host loads; set by the main process. */
export const workerModuleVariable = 'COURTDESK_UTILITY_MODULE';

/** The part of Electron's `process.parentPort` the relay uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

type ProcessLike = NodeJS.EventEmitter & Pick<NodeJS.Process, 'send'>;

/**
 * Gives a utility process the two things a module written for child_process.fork uses,
 * `process.send(message)` and `process.on('message')`, on top of Electron's parentPort.
 * Messages are structured clones both ways, like fork's `serialization: 'advanced'`.
 */
export function relayParentPort(proc: ProcessLike, port: ParentPortLike): void {
  proc.send = (message: unknown, ...rest: unknown[]) => {
    port.postMessage(message);
    const callback = rest.find((arg): arg is (error: Error | null) => void => typeof arg === 'function');
    if (callback) queueMicrotask(() => callback(null));
    return true;
  };
  port.on('message', ({ data }) => proc.emit('message', data));
}

/** The worker module named by the main process: an absolute path to a built JavaScript file. */
export function workerModuleFrom(env: NodeJS.ProcessEnv): string {
  const path = env[workerModuleVariable];
  if (!path || !isAbsolute(path) || !/\.[cm]?js$/.test(path)) {
    throw new Error(`${workerModuleVariable} must be the absolute path of a .js, .cjs or .mjs worker module, got ${JSON.stringify(path ?? null)}`);
  }
  return path;
}
