// A workstation sync in its own process, so a test can kill -9 it:
//   node --import tsx syncWorker.ts <store dir> <bytes/s|0> <chunk bytes> [server URL, default: the one signed in to]
// Prints every progress event, then the report, as JSON lines.
import { join } from 'node:path';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { SyncClient } from '../../../core/sync/syncClient.js';

const [dir, limit, chunk, server] = process.argv.slice(2);
const db = openDatabase(join(dir, 'courtdesk.sqlite'));
const blobs = new BlobStore(join(dir, 'pages'));
const client = new SyncClient({
  db,
  resolveSource: (v) => blobs.pathOf(v.sha256),
  server: server ? { url: server } : undefined,
  chunkSize: Number(chunk),
  bandwidthLimit: Number(limit) || undefined,
  backoff: { baseMs: 100, capMs: 2000, attempts: 12 },
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
});
const report = await client.sync({ pull: false });
process.stdout.write(`${JSON.stringify({ kind: 'report', report })}\n`);
db.close();
