import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../jobs/startWorker.js';
import type { Encoded, Prepared, WorkerJob, WorkerReply } from './protocol.js';

interface Task {
  id: number;
  job: WorkerJob;
  transfer: ArrayBuffer[];
  resolve: (r: Prepared | Encoded) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed set of page workers fed from one queue. Idle workers are unref'd so an unclosed pool
 * never holds the process open; busy ones are ref'd so a pending page does. Workers are never
 * terminated mid-task: libvips does not survive being torn down while it works.
 */
export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private onDrained: (() => void) | null = null;

  constructor(
    private readonly entry: URL,
    readonly size: number,
  ) {}

  run(job: WorkerJob, transfer: ArrayBuffer[] = []): Promise<Prepared | Encoded> {
    if (this.closed) return Promise.reject(new Error('page worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, transfer, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.queue.length === 0 && this.busy.size === 0) this.onDrained?.();
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.ref();
      worker.postMessage({ id: task.id, job: task.job }, task.transfer);
    }
  }

  private spawn(): Worker {
    const worker = startWorker(this.entry);
    this.workers.add(worker);
    let failure: Error | undefined;
    worker.on('message', (reply: WorkerReply) => {
      const task = this.busy.get(worker);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (reply.ok) task.resolve(reply.result);
      else task.reject(new Error(reply.message));
      this.pump();
    });
    worker.on('error', (e) => {
      failure = e;
    });
    worker.on('exit', (code) => {
      this.workers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      task?.reject(failure ?? new Error(`page worker exited with code ${code}`));
      this.pump();
    });
    return worker;
  }

  /** Lets queued and running pages finish, then stops the workers. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.busy.size > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
