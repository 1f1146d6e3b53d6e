import { parentPort, workerData } from 'node:worker_threads';
import { blobDir, storeFile } from '../../config/dataDir.js';
import { CourtError } from '../../contract/index.js';
import { errorData } from '../../scanning/batches/captureResult.js';
import { BlobStore } from '../../store/blobStore.js';
import { openDatabase } from '../../store/database.js';
import { exportDossier } from '../exportDossier.js';
import { ledgerFromIdentity } from '../integrity/workstationLedger.js';
import { ExportWorkerDataSchema, type ExportWorkerMessage } from './exportProtocol.js';

// One export per worker thread: pdfkit renders every page synchronously, which would hold the
// host's event loop (and every window's calls and progress) for the whole export.
const port = parentPort;
if (!port) throw new Error('exportWorker must run in a worker thread');
const send = (m: ExportWorkerMessage) => port.postMessage(m);

async function run(): Promise<void> {
  const data = ExportWorkerDataSchema.parse(workerData);
  const db = openDatabase(storeFile(data.dataDir), { nativeBinding: data.sqliteBinding });
  try {
    const result = await exportDossier(
      { db, blobs: new BlobStore(blobDir(data.dataDir)), ledger: ledgerFromIdentity(data.identity) },
      {
        caseNumber: data.caseNumber,
        out: data.out,
        actor: data.actor,
        onPage: (done, total) => {
          if (Atomics.load(data.cancelFlag, 0) === 1) throw new CourtError('JOB_CANCELLED');
          send({ type: 'progress', done, total });
        },
      },
    );
    send({ type: 'done', result });
  } catch (err) {
    send({ type: 'failed', error: errorData(err) });
  } finally {
    db.close();
  }
}

// Not top-level await: the Electron build bundles this entry as CommonJS.
void run();
