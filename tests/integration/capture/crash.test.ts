import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { blobDir, storeFile } from '../../../core/config/dataDir.js';
import { recoverInterruptedBatches } from '../../../core/scanning/batches/batchRepository.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { syntheticBatchPage } from '../../fixtures/capture/pages.js';
import { CASE, pageRows, tempStore } from '../../fixtures/capture/store.js';

const CHILD = fileURLToPath(new URL('../../fixtures/capture/captureChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KILL_AFTER = 20;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function* filesUnder(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* filesUnder(join(dir, e.name));
    else yield join(dir, e.name);
  }
}

const store = tempStore();
store.db.close(); // the child owns the store while it scans
afterAll(() => store.close());

it('kill -9 in the middle of a 100-page batch loses at most the pages in flight', { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, store.dir, CASE, '100'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const reported: { position: number; sha256: string }[] = [];
  let received = 0;
  let concurrency = 0;
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const [kind, a, b] = line.split(' ');
      if (kind === 'CONCURRENCY') concurrency = Number(a);
      if (kind === 'RECEIVED') received = Number(a) + 1;
      if (kind === 'PAGE') {
        reported.push({ position: Number(a), sha256: b });
        if (reported.length === KILL_AFTER) child.kill('SIGKILL');
      }
    }
  });
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  expect(exit.signal, `child ended on its own: ${stderr}`).toBe('SIGKILL');
  expect(received).toBeLessThan(100);

  const db = openDatabase(storeFile(store.dir));
  const blobs = new BlobStore(blobDir(store.dir));
  try {
    const recovered = recoverInterruptedBatches(db);
    expect(recovered.map((b) => b.status)).toEqual(['interrupted']);
    const rows = pageRows(db);
    expect(recovered[0].pages).toBe(rows.length);

    // every page reported to the operator is there, unchanged, in order
    expect(rows.length).toBeGreaterThanOrEqual(reported.length);
    for (const r of reported) expect(rows[r.position - 1].sha256).toBe(r.sha256);
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((r) => r.batch_seq)).toEqual(rows.map((_, i) => i + 1));
    // only pages still in the pipeline when the process died are missing
    expect(received - rows.length).toBeLessThanOrEqual(concurrency);

    // each row's master and thumbnail are on disk with the content their hash names
    for (const r of rows) {
      expect(sha256(readFileSync(blobs.pathOf(r.sha256)))).toBe(r.sha256);
      expect(sha256(readFileSync(blobs.pathOf(r.thumb_sha256)))).toBe(r.thumb_sha256);
    }
    // no torn files: anything visible under a hash name holds exactly that content (temp files are dot-prefixed)
    const root = blobDir(store.dir);
    for (const file of existsSync(root) ? filesUnder(root) : []) {
      const name = file.split('/').pop()!;
      if (name.startsWith('.')) continue;
      expect(sha256(readFileSync(file))).toBe(name);
    }

    // "continue scanning" picks up after the last saved page
    const pipeline = new PagePipeline({ detector: null });
    try {
      const capture = new CaptureService({ db, blobs, pipeline });
      const more = (async function* () {
        for (let i = 0; i < 3; i++) yield await syntheticBatchPage(rows.length + i);
      })();
      const resumed = await capture.continueBatch({ batchId: recovered[0].id, pages: more, actor: 'tester' });
      expect(resumed.status).toBe('completed');
      expect(resumed.pages.map((p) => p.position)).toEqual([rows.length + 1, rows.length + 2, rows.length + 3]);
      expect(resumed.pages.map((p) => p.batchSeq)).toEqual([rows.length + 1, rows.length + 2, rows.length + 3]);
    } finally {
      await pipeline.close();
    }
  } finally {
    db.close();
  }
});
