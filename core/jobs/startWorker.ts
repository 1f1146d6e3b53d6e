import { Worker, type WorkerOptions } from 'node:worker_threads';

/** From TypeScript sources (tsx, vitest) a worker needs tsx's loader before it can import a .ts entry. */
export function startWorker(entry: URL, opts: Pick<WorkerOptions, 'workerData' | 'transferList'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, opts);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}
