import { siblingModule } from '../../config/siblingModule.js';
import { CourtError } from '../../contract/index.js';
import { startWorker } from '../../jobs/startWorker.js';
import type { DossierExporter } from './exporter.js';
import { ExportWorkerMessageSchema, type ExportWorkerData } from './exportProtocol.js';

const entry = siblingModule('exportWorker', import.meta.url);

/**
 * Each export in its own worker thread, over its own connection to the store. Cancelling sets a
 * shared flag the worker reads between pages, so it stops cleanly instead of being torn down
 * inside SQLite or a file write.
 */
export function exportInWorker(opts: { sqliteBinding?: string } = {}): DossierExporter {
  return (request) =>
    new Promise((resolve, reject) => {
      const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
      const data: ExportWorkerData = {
        dataDir: request.dataDir,
        caseNumber: request.caseNumber,
        out: request.out,
        actor: request.actor,
        identity: request.identity,
        sqliteBinding: opts.sqliteBinding,
        cancelFlag,
      };
      const worker = startWorker(entry, { workerData: data });
      const cancel = () => Atomics.store(cancelFlag, 0, 1);
      request.signal.addEventListener('abort', cancel, { once: true });
      if (request.signal.aborted) cancel();
      let settled = false;
      let failure: unknown = null;
      const finish = (act: () => void) => {
        if (settled) return;
        settled = true;
        request.signal.removeEventListener('abort', cancel);
        act();
      };
      worker.on('message', (raw: unknown) => {
        const parsed = ExportWorkerMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        const m = parsed.data;
        if (m.type === 'progress') request.onPage(m.done, m.total);
        else if (m.type === 'done') finish(() => resolve(m.result));
        else finish(() => reject(CourtError.fromData(m.error)));
      });
      worker.on('error', (err) => (failure = err));
      worker.on('exit', (code) =>
        finish(() => reject(failure ?? new CourtError('INTERNAL', { details: { why: `export worker exited with code ${code}` } }))),
      );
    });
}
