import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import type { JobProgress } from '../../../core/contract/index.js';
import type { OcrWord } from '../../../core/ocr/port.js';
import { OcrQueue } from '../../../core/ocr/queue.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { searchPageText } from '../../../core/store/textSearch.js';
import { TesseractEngine } from '../../../native/tesseract/tesseractEngine.js';
import { DEVSET_PAGES, renderDevsetPage, SMOKE_IMAGES } from '../../fixtures/ocr-devset/devset.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const engine = new TesseractEngine();
const english = readFileSync(SMOKE_IMAGES[1].file);
let judgment: Buffer;

beforeAll(async () => {
  judgment = (await renderDevsetPage(DEVSET_PAGES.find((p) => p.id === 'judgment')!)).image;
});

interface Store {
  dir: string;
  db: Db;
  blobs: BlobStore;
  caseId: number;
}

function openStore(dir = tempDir()): Store {
  const db = openDatabase(join(dir, 'store.sqlite'));
  const blobs = new BlobStore(join(dir, 'blobs'));
  const existing = db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: number } | undefined;
  const caseId = existing?.id ?? createCase(db, { number: '（2024）苏0508民初1234号', title: '民间借贷纠纷' }, 'tester').id;
  return { dir, db, blobs, caseId };
}

function addPage(store: Store, bytes: Buffer, position: number): number {
  const sha = store.blobs.put(bytes);
  const { lastInsertRowid } = store.db
    .prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (?, ?, ?, 'image/png', 'test')")
    .run(store.caseId, position, sha);
  return Number(lastInsertRowid);
}

const pageText = (db: Db, pageId: number) =>
  db.prepare('SELECT text, words_json, lang, engine FROM page_text WHERE page_id = ?').get(pageId) as
    | { text: string; words_json: string; lang: string; engine: string }
    | undefined;

const finishOrder = (db: Db) =>
  (db.prepare("SELECT page_id FROM ocr_jobs WHERE status = 'done' ORDER BY finished_at, id").all() as { page_id: number }[]).map((r) => r.page_id);

describe('OCR queue', () => {
  it('recognises queued pages into page_text, reports progress, and makes the text searchable', async () => {
    const store = openStore();
    const progress: JobProgress[] = [];
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine, onProgress: (p) => progress.push(p) });
    const chinese = addPage(store, judgment, 1);
    const latin = addPage(store, english, 2);
    expect(queue.enqueue([chinese], ['chi_sim', 'eng']) + queue.enqueue([latin], ['eng'])).toBe(2);
    queue.start();
    await queue.idle();

    expect(queue.status()).toMatchObject({ queued: 0, running: 0, done: 2, failed: 0 });
    const row = pageText(store.db, chinese)!;
    expect(row).toMatchObject({ lang: 'chi_sim+eng', engine: expect.stringMatching(/^tesseract \d/) });
    expect(row.text).toContain('民间借贷纠纷');
    const words = JSON.parse(row.words_json) as OcrWord[];
    expect(words.length).toBeGreaterThan(100);
    expect(words[0]).toMatchObject({ bbox: { x0: expect.any(Number) }, line: 1 });
    expect(pageText(store.db, latin)).toMatchObject({ lang: 'eng', text: expect.stringContaining('lazy fox') });

    expect(searchPageText(store.db, '民间借贷纠纷').map((h) => h.pageId)).toEqual([chinese]);
    expect(searchPageText(store.db, '借款').map((h) => h.pageId)).toEqual([chinese]);
    expect(searchPageText(store.db, '借款')[0].snippet).toContain('【借款】');
    expect(searchPageText(store.db, 'brown dog').map((h) => h.pageId)).toEqual([latin]);

    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.kind === 'ocr' && p.jobId === progress[0].jobId)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });
    await queue.stop();
    store.db.close();
  });

  it('wakes up for pages another process queues on the same store (courtdesk import beside the desktop app)', async () => {
    const dir = tempDir();
    const running = openStore(dir);
    const queue = new OcrQueue({ db: running.db, blobs: running.blobs, engine });
    queue.start();
    await queue.idle();
    // A second connection, as `courtdesk import` in its own process has, files and queues a page.
    const other = openStore(dir);
    const page = addPage(other, english, 1);
    new OcrQueue({ db: other.db, blobs: other.blobs, engine }).enqueue([page], ['eng']);
    await vi.waitFor(() => expect(queue.job(page)?.status).toBe('done'), { timeout: 60_000, interval: 200 });
    expect(pageText(running.db, page)?.text).toMatch(/\w+/);
    await queue.stop();
    other.db.close();
    running.db.close();
  });

  it('puts the page on screen first', async () => {
    const store = openStore();
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine, concurrency: 1 });
    const pages = [1, 2, 3].map((n) => addPage(store, english, n));
    queue.enqueue(pages, ['eng']);
    expect(queue.prioritise(pages[2])).toBe(true);
    expect(queue.prioritise(9999)).toBe(false);
    queue.start();
    await queue.idle();
    expect(finishOrder(store.db)).toEqual([pages[2], pages[0], pages[1]]);
    await queue.stop();
    store.db.close();
  });

  it('resumes after a crash: jobs left running are queued again, a page that keeps crashing is given up', async () => {
    const dir = tempDir();
    const before = openStore(dir);
    const crashed = addPage(before, english, 1);
    const poison = addPage(before, english, 2);
    const waiting = addPage(before, english, 3);
    new OcrQueue({ db: before.db, blobs: before.blobs, engine }).enqueue([crashed, poison, waiting], ['eng']);
    // What a crash mid-recognition leaves behind.
    before.db.prepare("UPDATE ocr_jobs SET status = 'running', attempts = 1 WHERE page_id = ?").run(crashed);
    before.db.prepare("UPDATE ocr_jobs SET status = 'running', attempts = 3 WHERE page_id = ?").run(poison);
    before.db.close();

    const after = openStore(dir);
    const queue = new OcrQueue({ db: after.db, blobs: after.blobs, engine, maxAttempts: 3 });
    queue.start();
    await queue.idle();
    expect(queue.job(crashed)).toMatchObject({ status: 'done', attempts: 2 });
    expect(queue.job(waiting)).toMatchObject({ status: 'done', attempts: 1 });
    expect(queue.job(poison)).toMatchObject({ status: 'failed', error: { code: 'OCR_FAILED', details: { reason: 'interrupted' } } });
    expect(pageText(after.db, crashed)?.text).toContain('lazy fox');
    expect(pageText(after.db, poison)).toBeUndefined();
    await queue.stop();
    after.db.close();
  });

  it('stops mid-page, killing the recognition, and finishes the page after a restart', async () => {
    const store = openStore();
    const page = addPage(store, judgment, 1);
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine });
    queue.enqueue([page], ['chi_sim', 'eng']);
    queue.start();
    await until(() => queue.status().running === 1);
    await queue.stop();
    expect(queue.job(page)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(pageText(store.db, page)).toBeUndefined();

    queue.start();
    await queue.idle();
    expect(queue.job(page)).toMatchObject({ status: 'done', attempts: 1 });
    await queue.stop();
    store.db.close();
  });

  it('restarted before a stop has finished, recognises each page once', async () => {
    const store = openStore();
    const pages = [addPage(store, judgment, 1), addPage(store, english, 2)];
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine });
    queue.enqueue(pages, ['chi_sim', 'eng']);
    queue.start();
    await until(() => queue.status().running > 0);
    const stopping = queue.stop();
    queue.start();
    await stopping;
    await until(() => queue.status().active);
    await queue.idle();
    expect(pages.map((p) => queue.job(p))).toMatchObject([
      { status: 'done', attempts: 1 },
      { status: 'done', attempts: 1 },
    ]);
    await queue.stop();
    store.db.close();
  });

  it('withdraws pages from the queue, even while one is being recognised', async () => {
    const store = openStore();
    const running = addPage(store, judgment, 1);
    const waiting = addPage(store, english, 2);
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine, concurrency: 1 });
    queue.enqueue([running, waiting], ['chi_sim']);
    queue.start();
    await until(() => queue.job(running)?.status === 'running');
    expect(queue.cancel([running, waiting])).toBe(2);
    await queue.idle();
    expect(queue.status()).toMatchObject({ queued: 0, running: 0, done: 0, failed: 0 });
    expect(pageText(store.db, running)).toBeUndefined();
    await queue.stop();
    store.db.close();
  });

  it('fails an unreadable page with a reason and carries on with the rest', async () => {
    const store = openStore();
    const broken = addPage(store, Buffer.from('not an image at all'), 1);
    const good = addPage(store, english, 2);
    const progress: JobProgress[] = [];
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine, onProgress: (p) => progress.push(p) });
    queue.enqueue([broken, good], ['eng']);
    queue.start();
    await queue.idle();
    expect(queue.job(broken)).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'OCR_IMAGE_UNREADABLE' } });
    expect(queue.job(good)).toMatchObject({ status: 'done' });
    expect(progress.some((p) => p.message.includes('识别失败'))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });

    // Queuing a failed page again gives it a fresh start.
    expect(queue.enqueue([broken], ['eng'])).toBe(1);
    expect(queue.job(broken)).toMatchObject({ status: 'queued', attempts: 0, error: null });
    await queue.stop();
    store.db.close();
  });

  it('pauses with the remedy instead of failing every page when tesseract is missing', async () => {
    const store = openStore();
    const pages = [1, 2, 3].map((n) => addPage(store, english, n));
    const progress: JobProgress[] = [];
    const broken = new TesseractEngine({ tesseract: '/nonexistent/tesseract' });
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine: broken, concurrency: 1, onProgress: (p) => progress.push(p) });
    queue.enqueue(pages, ['eng']);
    queue.start();
    await queue.idle();
    await until(() => !queue.status().active);
    expect(queue.status()).toMatchObject({ active: false, queued: 3, failed: 0, lastError: { code: 'OCR_ENGINE_MISSING' } });
    expect(progress.at(-1)?.message).toContain('apt-get install tesseract-ocr');
    store.db.close();
  });

  it('refuses unknown pages and languages before queuing anything', () => {
    const store = openStore();
    const page = addPage(store, english, 1);
    const queue = new OcrQueue({ db: store.db, blobs: store.blobs, engine });
    expect(() => queue.enqueue([page, 424242], ['eng'])).toThrow(expect.objectContaining({ code: 'OCR_PAGE_NOT_FOUND' }));
    expect(() => queue.enqueue([page], ['eng', 'fra' as never])).toThrow(expect.objectContaining({ code: 'OCR_LANG_UNSUPPORTED' }));
    expect(queue.status()).toMatchObject({ queued: 0 });
    store.db.close();
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached');
}
