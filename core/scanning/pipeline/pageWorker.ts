import { parentPort } from 'node:worker_threads';
import { encodePage } from './encode.js';
import { preparePage } from './prepare.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

/** Worker thread entry: pixel work happens here so the host's event loop stays free. */
const port = parentPort;
if (!port) throw new Error('pageWorker must run in a worker thread');

port.on('message', async ({ id, job }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result = job.kind === 'prepare' ? await preparePage(job) : await encodePage(job);
    reply = { id, ok: true, result };
  } catch (e) {
    reply = { id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
