import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { createCase } from '../../../core/cases/caseRepository.js';
import type { DossierLedger, DossierOutline, Envelope, ErrorData, EventPayload, ExportJobResult, Job, PageThumbnail, StoreVerdictView } from '../../../core/contract/index.js';
import { exportInWorker } from '../../../core/dossier/desk/workerExporter.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const cores: CourtCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

const as = (username: string, roles: NonNullable<CallContext['session']>['roles']): CallContext => ({ session: { userId: 9, username, displayName: username, roles } });
const clerk = as('clerk1', ['clerk']);
const scanner = as('scanner1', ['scanner']);

async function withSample(opts: { exporter?: boolean } = {}) {
  const dir = tempDir();
  const fixture = await sampleDossier(dir);
  fixture.db.close();
  const core = openCourtCore({ dataDir: dir, host: 'web', version: 'test', exporter: opts.exporter === false ? undefined : exportInWorker() });
  cores.push(core);
  const call = async <T>(channel: string, input: unknown, ctx: CallContext = clerk): Promise<T> => {
    const envelope = (await core.dispatch(ctx, channel, input)) as Envelope<T>;
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
    return envelope.value;
  };
  const refusal = async (channel: string, input: unknown, ctx: CallContext = clerk): Promise<ErrorData> => {
    const envelope = await core.dispatch(ctx, channel, input);
    if (envelope.ok) throw new Error(`${channel} should have been refused`);
    return envelope.error;
  };
  return { dir, core, number: fixture.caseNumber, blobs: fixture.blobs, call, refusal };
}

const ExportResultOf = (job: Job) => job.result as ExportJobResult;

describe('the 卷宗 contract over a real store', () => {
  it('lists the catalogue in order with page ranges, hashes and thumbnails, for any signed-in role', async () => {
    const { call, refusal, number, blobs } = await withSample();
    const outline = await call<DossierOutline>('dossier.outline', { number }, scanner);
    expect(outline.pages).toBe(3);
    expect(outline.documents.map((d) => [d.title, d.firstPage, d.lastPage])).toEqual([
      ['起诉状', 1, 1],
      ['判决书', 2, 3],
    ]);
    const pages = outline.documents.flatMap((d) => d.pages);
    expect(pages.map((p) => p.position)).toEqual([1, 2, 3]);
    expect(pages.map((p) => p.mediaType)).toEqual(['image/jpeg', 'image/tiff', 'image/jpeg']);
    for (const p of pages) expect(blobs.has(p.sha256)).toBe(true);

    const thumbs = await call<PageThumbnail[]>('dossier.thumbnails', { pageIds: [...pages.map((p) => p.pageId), 9999] }, scanner);
    expect(thumbs.map((t) => t.pageId)).toEqual([...pages.map((p) => p.pageId), 9999]);
    for (const t of thumbs.slice(0, 3)) expect(t.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(thumbs[3].thumbnail).toBeNull();

    expect((await refusal('dossier.outline', { number }, { session: null })).code).toBe('NOT_AUTHENTICATED');
    expect((await refusal('dossier.outline', { number: '（2024）苏0506民初1号' })).code).toBe('CASE_NOT_FOUND');
    expect((await refusal('dossier.thumbnails', { pageIds: Array.from({ length: 61 }, (_, i) => i + 1) })).code).toBe('INVALID_INPUT');
  });

  it('exports as a job with progress to 100%, a PDF pdfinfo reads, a single-use download id, and then verifies intact', async () => {
    const { dir, core, call, refusal, number } = await withSample();
    expect((await call<StoreVerdictView>('dossier.verify', { number })).status).toBe('unlogged');
    expect((await refusal('dossier.export', { number }, scanner)).code).toBe('FORBIDDEN');

    const progress: EventPayload<'job.progress'>[] = [];
    const states: Job[] = [];
    core.events.on('job.progress', (p) => progress.push(p));
    core.events.on('job.state', (j) => states.push(j));
    const started = await call<Job>('dossier.export', { number });
    expect(started).toMatchObject({ kind: 'export', subject: number, createdBy: 'clerk1' });
    // A second click while it runs finds the same job.
    expect((await call<Job>('dossier.export', { number })).id).toBe(started.id);
    const done = await core.jobs.whenSettled(started.id);
    expect(done.state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ jobId: started.id, kind: 'export', done: 3, total: 3 });
    expect(states.filter((s) => s.id === started.id).map((s) => s.state)).toEqual(['queued', 'running', 'done']);

    const result = done.result as ExportJobResult;
    expect(result).toMatchObject({ pages: 3, documents: 2, fileName: expect.stringMatching(/^（2024）苏0506民初88号-\d{8}-\d{6}\.pdf$/) });
    expect(result.file).toBe(join(dir, 'exports', result.fileName));
    const pdf = readFileSync(result.file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [result.file], { encoding: 'utf8' })).toMatch(/Pages:\s+5/);
    expect(core.downloads.claim(result.downloadId!)).toMatchObject({ file: result.file, fileName: result.fileName });
    expect(core.downloads.claim(result.downloadId!)).toBeNull();
    // Every signed-in window hears job.state, so the id travels only in role-checked answers.
    const announced = states.find((s) => s.id === started.id && s.state === 'done')!.result as ExportJobResult;
    expect(announced).toMatchObject({ file: result.file, sha256: result.sha256 });
    expect(announced.downloadId).toBeUndefined();
    expect(((await call<Job[]>('jobs.list', { subject: number }))[0].result as ExportJobResult).downloadId).toBe(result.downloadId);
    const again = await call<{ downloadId: string; fileName: string }>('dossier.download', { jobId: started.id });
    expect(again.downloadId).not.toBe(result.downloadId);
    expect(core.downloads.claim(again.downloadId)?.file).toBe(result.file);

    expect(await call<StoreVerdictView>('dossier.verify', { number })).toMatchObject({ status: 'intact', pages: 3, checkpoints: 1 });
    const ledger = await call<DossierLedger>('dossier.ledger', { number }, scanner);
    expect(ledger).toMatchObject({ pagesLogged: 3, pagesTotal: 3, treeSize: 4 });
    expect(ledger.entries).toMatchObject([
      { type: 'checkpoint', size: 4, keyName: expect.stringMatching(/^courtdesk-[0-9a-f]{8}$/), rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { type: 'export', leafIndex: 3, pages: 3 },
    ]);
    expect((await call<Job[]>('jobs.list', { subject: number })).map((j) => j.id)).toEqual([started.id]);
  });

  it('offers the last export again while nothing in the case has changed: no new ledger entry, no new version to sync', async () => {
    const { core, call, number } = await withSample();
    const first = await core.jobs.whenSettled((await call<Job>('dossier.export', { number })).id);
    expect(first.state).toBe('done');
    const count = (sql: string) => core.db.prepare(sql).pluck().get();
    const before = { leaves: count('SELECT count(*) FROM ledger_leaves'), outbox: count('SELECT count(*) FROM outbox') };

    const again = await call<Job>('dossier.export', { number });
    expect(again).toMatchObject({ id: first.id, state: 'done' });
    expect({ leaves: count('SELECT count(*) FROM ledger_leaves'), outbox: count('SELECT count(*) FROM outbox') }).toEqual(before);

    // A re-catalogued title is a change: the next click renders a new file.
    core.db.prepare("UPDATE documents SET title = '民事判决书' WHERE title = '判决书'").run();
    const changed = await call<Job>('dossier.export', { number });
    expect(changed.id).not.toBe(first.id);
    expect((await core.jobs.whenSettled(changed.id)).state).toBe('done');
    // Once its file is gone, the old export is not offered either.
    rmSync(ExportResultOf(await core.jobs.whenSettled(changed.id)).file);
    const fresh = await call<Job>('dossier.export', { number });
    expect(fresh.id).not.toBe(changed.id);
    expect((await core.jobs.whenSettled(fresh.id)).state).toBe('done');
  });

  it('names the altered or missing page and its document', async () => {
    const { core, call, number, blobs } = await withSample();
    await core.jobs.whenSettled((await call<Job>('dossier.export', { number })).id);
    const outline = await call<DossierOutline>('dossier.outline', { number });
    const second = outline.documents[1].pages[0];
    writeFileSync(blobs.pathOf(second.sha256), Buffer.from('not the scanned page'));
    expect(await call<StoreVerdictView>('dossier.verify', { number })).toMatchObject({ status: 'altered', position: 2, document: '判决书', sha256: second.sha256 });
    rmSync(blobs.pathOf(second.sha256));
    expect(await call<StoreVerdictView>('dossier.verify', { number })).toMatchObject({ status: 'missing', position: 2, document: '判决书' });
  });

  it('reports a ledger that no longer matches its signed checkpoint as a finding', async () => {
    const { core, call, number } = await withSample();
    await core.jobs.whenSettled((await call<Job>('dossier.export', { number })).id);
    // Someone with the file drops the append-only trigger and rewrites an entry.
    core.db.exec('DROP TRIGGER ledger_leaves_no_update');
    core.db.prepare("UPDATE ledger_leaves SET leaf_input = CAST('page\nforged\n' AS BLOB) WHERE idx = 1").run();
    const verdict = await call<StoreVerdictView>('dossier.verify', { number });
    expect(verdict).toMatchObject({ status: 'ledger', error: { code: 'LEDGER_TAMPERED', remedy: expect.stringContaining('取证') } });
  });

  it('stops an export when asked, leaving no PDF, no ledger entry, and refuses to download it', async () => {
    const { dir, core, call, refusal, number } = await withSample();
    const ledgerSize = () => core.db.prepare('SELECT count(*) FROM ledger_leaves').pluck().get();
    const before = ledgerSize();
    const progressed = new Promise<void>((resolve) => core.events.on('job.progress', () => resolve()));
    const started = await call<Job>('dossier.export', { number });
    await progressed;
    expect((await refusal('jobs.cancel', { jobId: started.id }, as('judge1', ['judge']))).code).toBe('FORBIDDEN');
    await call<Job>('jobs.cancel', { jobId: started.id });
    expect(await core.jobs.whenSettled(started.id)).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(existsSync(join(dir, 'exports')) ? readdirSync(join(dir, 'exports')).filter((f) => f.endsWith('.pdf')) : []).toEqual([]);
    // The 校验 history shows only exports that produced a file.
    expect(ledgerSize()).toBe(before);
    expect((await refusal('dossier.download', { jobId: started.id })).code).toBe('JOB_NOT_FINISHED');
  });

  it('refuses a case without pages, and says so where this host cannot export', async () => {
    const { core, refusal, number } = await withSample();
    createCase(core.db, { number: '（2024）苏0506民初89号' }, 'clerk1');
    expect(await refusal('dossier.export', { number: '（2024）苏0506民初89号' })).toMatchObject({ code: 'DOSSIER_EMPTY', remedy: '请先扫描或导入材料' });
    const without = await withSample({ exporter: false });
    expect(await without.refusal('dossier.export', { number })).toMatchObject({ code: 'EXPORT_UNAVAILABLE', remedy: expect.stringContaining('courtdesk export') });
  });
});
