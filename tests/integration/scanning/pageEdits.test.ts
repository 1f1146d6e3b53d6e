import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { addUser } from '../../../core/auth/userRepository.js';
import { saveCatalogue } from '../../../core/catalogue/saveCatalogue.js';
import type { DossierOutline, Envelope, EventPayload, PageEditResult, ReceiptTicket, ScanBatch, ScanPage } from '../../../core/contract/index.js';
import { exportDossier } from '../../../core/dossier/exportDossier.js';
import { workstationLedger } from '../../../core/dossier/integrity/workstationLedger.js';
import { findLeaves, treeSize } from '../../../core/ledger/log.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { CaptureService } from '../../../core/scanning/batches/captureService.js';
import { PagePipeline } from '../../../core/scanning/pipeline/pagePipeline.js';
import type { ScannerPort, ScanSettings } from '../../../core/scanning/port/scannerPort.js';
import { readAudit } from '../../../core/store/audit.js';
import { IsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';

const CASE = '（2024）苏0508民初3101号';
const OTHER = '（2024）苏0508民初3102号';
const sane = saneTestConfig();
const dataDir = mkdtempSync(join(tmpdir(), 'courtdesk-page-edits-'));
const scanner = new IsolatedScanner(sane.env);
const pipeline = new PagePipeline({ detector: null });
/** Backend options the contract never lets a caller set: here, the test device's picture, so a rescan looks different. */
const backendOptions: Record<string, string> = {};
const feeder: ScannerPort = {
  listDevices: () => scanner.listDevices(),
  capabilities: (d) => scanner.capabilities(d),
  scan: (d, s: ScanSettings, signal) => scanner.scan(d, { ...s, options: { ...s.options, ...backendOptions } }, signal),
  close: () => scanner.close(),
};
const operator: CallContext = { session: { userId: 2, username: 'scanner1', displayName: '扫描员甲', roles: ['scanner'] } };
const clerk: CallContext = { session: { userId: 3, username: 'clerk1', displayName: '书记员乙', roles: ['clerk'] } };
const adfGray150 = { device: 'test:0', settings: { source: 'adf', mode: 'gray', resolution: 150 }, orientation: false };

let core: CourtCore;
let detach: () => Promise<void>;

async function call<T>(channel: string, input: unknown, ctx: CallContext = operator): Promise<T> {
  const envelope = (await core.dispatch(ctx, channel, input)) as Envelope<T>;
  if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.code} ${envelope.error.message}`), envelope.error);
  return envelope.value;
}

async function refusal(channel: string, input: unknown, ctx: CallContext = operator) {
  const envelope = await core.dispatch(ctx, channel, input);
  if (envelope.ok) throw new Error(`${channel} should have been refused`);
  return envelope.error;
}

/** Starts a batch and waits until its scan.state leaves running. */
async function scanToEnd(channel: 'scanning.start' | 'scanning.insertScan', input: unknown) {
  const started: { batchId?: number } = {};
  const arrived: EventPayload<'scan.page'>[] = [];
  const offPage = core.events.on('scan.page', (p) => arrived.push(p));
  const ended = new Promise<EventPayload<'scan.state'>>((resolve) => {
    const off = core.events.on('scan.state', (s) => {
      if (s.status !== 'running' && s.batchId === started.batchId) {
        off();
        resolve(s);
      }
    });
  });
  started.batchId = (await call<{ batchId: number }>(channel, input)).batchId;
  const end = await ended;
  offPage();
  return { batchId: started.batchId, end, arrived };
}

const pagesOf = (number = CASE) => call<ScanPage[]>('scanning.pages', { number });
const masterOf = (pageId: number) => core.db.prepare('SELECT sha256, media_type, width, height, document_id FROM pages WHERE id = ?').get(pageId) as { sha256: string; media_type: string; width: number; height: number; document_id: number | null };
const editLeaves = (number = CASE) => findLeaves(core.db, 'page-edit', number).length;
const lastAudit = (number = CASE) => readAudit(core.db, `case:${number}`).at(-1)!;
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  core = openCourtCore({ dataDir, host: 'web', version: 'test' });
  await addUser(core.db, { username: 'scanner1', displayName: '扫描员甲', roles: ['scanner'], password: 'correct horse battery' }, 'test');
  detach = core.attachCapture({ captures: new CaptureService({ db: core.db, blobs: core.blobs, pipeline, events: core.events }), scanner: feeder });
  await call('cases.create', { number: CASE, title: '买卖合同纠纷', parties: [{ role: '原告', name: '江苏某贸易有限公司' }, { role: '被告', name: '王五' }] }, clerk);
  await call('cases.create', { number: OTHER, title: '民间借贷纠纷' }, clerk);
  expect((await scanToEnd('scanning.start', { case: CASE, ...adfGray150 })).end.status).toBe('completed');
});

afterAll(async () => {
  await detach?.();
  core.close();
  await scanner.close();
  await pipeline.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(sane.dir, { recursive: true, force: true });
});

describe('editing a case’s scanned pages (real SQLite, real libsane test device)', () => {
  it('rotates a page: a new master without loss in its place, the old one kept, the new one in the ledger', async () => {
    const page = (await pagesOf())[2];
    const before = masterOf(page.pageId);
    const leaves = treeSize(core.db);
    const edited = await call<PageEditResult>('scanning.rotatePage', { case: CASE, pageId: page.pageId, degrees: 90 });

    expect(edited.page).toMatchObject({ pageId: page.pageId, position: 3, rotated: 90 });
    expect(edited.order.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const after = masterOf(page.pageId);
    expect(after.media_type).toBe('image/jpeg');
    expect(after.sha256).not.toBe(before.sha256);
    // Sides swapped; the side that becomes the left edge is widened to whole 8-pixel JPEG blocks, never cut.
    expect(after.height).toBe(before.width);
    expect(after.width - before.height).toBeGreaterThanOrEqual(0);
    expect(after.width - before.height).toBeLessThan(8);
    const meta = await sharp(core.blobs.read(after.sha256)).metadata();
    expect([meta.width, meta.height]).toEqual([after.width, after.height]);
    expect(edited.page?.thumbnail).toMatch(/^data:image\/jpeg;base64,/);

    expect(core.blobs.has(before.sha256)).toBe(true);
    expect(findLeaves(core.db, 'page', after.sha256)).toHaveLength(1);
    expect(treeSize(core.db)).toBe(leaves + 2);
    expect(lastAudit()).toMatchObject({ actor: 'scanner1', action: 'page.rotate', before: { sha256: before.sha256, rotated: 0 }, after: { sha256: after.sha256, rotated: 90 } });
    expect(core.db.prepare("SELECT status FROM ocr_jobs WHERE page_id = ?").pluck().get(page.pageId)).toBe('queued');

    // Turned back, the page is the scanned page pixel for pixel: no generation was lost.
    const back = await call<PageEditResult>('scanning.rotatePage', { case: CASE, pageId: page.pageId, degrees: 270 });
    expect(back.page?.rotated).toBe(0);
    const original = await sharp(core.blobs.read(before.sha256)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const restored = await sharp(core.blobs.read(masterOf(page.pageId).sha256)).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    let differing = 0;
    for (let y = 0; y < original.info.height; y++) {
      for (let x = 0; x < original.info.width; x++) if (original.data[y * original.info.width + x] !== restored.data[y * restored.info.width + x]) differing++;
    }
    expect(differing).toBe(0);
  });

  it('moves a page to another number; the others close up and the numbers stay 1…n', async () => {
    const ids = (await pagesOf()).map((p) => p.pageId);
    const moved = await call<PageEditResult>('scanning.movePage', { case: CASE, pageId: ids[1], to: 8 });
    const expected = [ids[0], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[1], ids[8], ids[9]];
    expect(moved.order.map((p) => p.pageId)).toEqual(expected);
    expect((await pagesOf()).map((p) => [p.pageId, p.position])).toEqual(expected.map((id, i) => [id, i + 1]));
    expect(lastAudit()).toMatchObject({ action: 'page.move', before: { pageId: ids[1], position: 2 }, after: { pageId: ids[1], position: 8 } });

    await call('scanning.movePage', { case: CASE, pageId: ids[1], to: 2 });
    expect((await pagesOf()).map((p) => p.pageId)).toEqual(ids);
    expect((await refusal('scanning.movePage', { case: CASE, pageId: ids[1], to: 11 })).code).toBe('PAGE_POSITION_INVALID');
    expect((await refusal('scanning.movePage', { case: OTHER, pageId: ids[1], to: 1 })).code).toBe('PAGE_NOT_FOUND');
    expect((await refusal('scanning.movePage', { case: CASE, pageId: ids[1], to: 1 }, clerk)).code).toBe('FORBIDDEN');
  });

  it('removes a page from the list, the dossier and its export; 撤销 puts it back; its ledger history stays', async () => {
    const ids = (await pagesOf()).map((p) => p.pageId);
    const gone = ids[4];
    const sha = masterOf(gone).sha256;
    const edits = editLeaves();
    const removed = await call<PageEditResult>('scanning.removePage', { case: CASE, pageId: gone });
    expect(removed.removalId).toEqual(expect.any(Number));
    expect((await pagesOf()).map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await pagesOf()).map((p) => p.pageId)).not.toContain(gone);
    const outline = await call<DossierOutline>('dossier.outline', { number: CASE });
    expect(outline.pages).toBe(9);
    expect(outline.documents.flatMap((d) => d.pages.map((p) => p.pageId))).not.toContain(gone);
    expect(findLeaves(core.db, 'page', sha).length).toBeGreaterThan(0);
    expect(editLeaves()).toBe(edits + 1);
    expect(lastAudit()).toMatchObject({ actor: 'scanner1', action: 'page.remove', before: { pageId: gone, position: 5 } });

    const exported = await exportDossier({ db: core.db, blobs: core.blobs, ledger: await workstationLedger(dataDir) }, { caseNumber: CASE, out: join(dataDir, 'without-page-5.pdf'), actor: 'clerk1' });
    expect(exported.pages).toBe(9);

    const back = await call<PageEditResult>('scanning.restorePage', { case: CASE, removalId: removed.removalId });
    expect(back.page?.position).toBe(5);
    expect(masterOf(back.page!.pageId).sha256).toBe(sha);
    expect((await pagesOf()).map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(editLeaves()).toBe(edits + 2);
    expect((await refusal('scanning.restorePage', { case: CASE, removalId: removed.removalId })).code).toBe('PAGE_REMOVAL_NOT_FOUND');
  });

  it('rescans one page in place: one sheet from the feeder, same number, a new master, no new batch', async () => {
    const page = (await pagesOf())[3];
    const before = masterOf(page.pageId);
    const batches = await call<ScanBatch[]>('scanning.batches', { number: CASE });
    backendOptions['test-picture'] = 'Grid';
    try {
      const rescanned = await call<PageEditResult>('scanning.rescanPage', { case: CASE, pageId: page.pageId, ...adfGray150 });
      expect(rescanned.page).toMatchObject({ pageId: page.pageId, position: 4, batchId: page.batchId, batchSeq: page.batchSeq });
    } finally {
      delete backendOptions['test-picture'];
    }
    const after = masterOf(page.pageId);
    expect(after.sha256).not.toBe(before.sha256);
    expect(core.blobs.has(before.sha256)).toBe(true);
    expect(findLeaves(core.db, 'page', after.sha256)).toHaveLength(1);
    expect(lastAudit()).toMatchObject({ action: 'page.rescan', before: { sha256: before.sha256 }, after: { sha256: after.sha256, position: 4, device: 'test:0' } });
    expect(await call<ScanBatch[]>('scanning.batches', { number: CASE })).toEqual(batches);
    expect((await pagesOf()).length).toBe(10);
    expect((await refusal('scanning.rescanPage', { case: OTHER, pageId: page.pageId, ...adfGray150 })).code).toBe('PAGE_NOT_FOUND');
  });

  it('inserts a feeder’s pages after page 2, the later pages moving up', async () => {
    const ids = (await pagesOf()).map((p) => p.pageId);
    const run = await scanToEnd('scanning.insertScan', { case: CASE, ...adfGray150, after: 2 });
    expect(run.end).toMatchObject({ status: 'completed', pages: 10 });
    expect(run.arrived.map((e) => e.page.position)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const pages = await pagesOf();
    expect(pages.map((p) => p.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(pages.map((p) => p.pageId)).toEqual([ids[0], ids[1], ...run.arrived.map((e) => e.page.pageId), ...ids.slice(2)]);
    expect(pages.slice(2, 12).every((p) => p.batchId === run.batchId)).toBe(true);
  });

  it('keeps a saved catalogue whole: a page moved into another document joins it, a removed page leaves it', async () => {
    saveCatalogue(
      core.db,
      CASE,
      [
        { category: null, title: '起诉状', pages: [1, 4] },
        { category: null, title: '证据材料', pages: [5, 16] },
        { category: null, title: '送达回证', pages: [17, 20] },
      ],
      'clerk1',
    );
    const ids = (await pagesOf()).map((p) => p.pageId);
    const shape = async () => (await call<DossierOutline>('dossier.outline', { number: CASE })).documents.map((d) => [d.title, d.firstPage, d.lastPage]);

    await call('scanning.movePage', { case: CASE, pageId: ids[1], to: 10 });
    expect(await shape()).toEqual([['起诉状', 1, 3], ['证据材料', 4, 16], ['送达回证', 17, 20]]);
    const evidence = (await call<DossierOutline>('dossier.outline', { number: CASE })).documents[1].pages.map((p) => p.pageId);
    expect(evidence).toContain(ids[1]);

    // Put between two other documents, a page extends the one before it.
    await call('scanning.movePage', { case: CASE, pageId: ids[2], to: 16 });
    expect(await shape()).toEqual([['起诉状', 1, 2], ['证据材料', 3, 16], ['送达回证', 17, 20]]);
    // Moved to the edge of its own document, a page stays in it.
    await call('scanning.movePage', { case: CASE, pageId: ids[19], to: 17 });
    expect(await shape()).toEqual([['起诉状', 1, 2], ['证据材料', 3, 16], ['送达回证', 17, 20]]);

    await call('scanning.removePage', { case: CASE, pageId: ids[0] });
    expect(await shape()).toEqual([['起诉状', 1, 1], ['证据材料', 2, 15], ['送达回证', 16, 19]]);
  });
});

describe('收件回执', () => {
  it('prints who handed in what: batches, documents, total pages, number, signature lines', async () => {
    const ticket = await call<ReceiptTicket>('scanning.receipt', { number: CASE });
    expect(ticket.number).toMatch(/^SJ\d{8}-\d{6}$/);
    expect(ticket.pages).toBe(19);
    expect(ticket.fileName).toBe(`收件回执-${CASE}-${ticket.number}.pdf`);
    const download = core.downloads.claim(ticket.downloadId);
    expect(download).not.toBeNull();
    expect(execFileSync('qpdf', ['--check', download!.file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const text = pdfText(download!.file);
    for (const expected of ['收件回执', CASE, '买卖合同纠纷', '原告：江苏某贸易有限公司', '被告：王五', '法院代字 苏0508', ticket.number, '纸质材料扫描（test:0）', '扫描员甲', '证据材料', '送达回证', '合计：共收到材料 19 页', '交件人（签名）']) {
      expect(text).toContain(expected);
    }
    // The two batches that still hold pages, each a row.
    expect(text.split('纸质材料扫描（test:0）')).toHaveLength(3);
    expect(lastAudit()).toMatchObject({ action: 'receipt.issue', after: { number: ticket.number, pages: 19 } });

    // Nothing new received: the same receipt again. Something changed: a new number.
    expect((await call<ReceiptTicket>('scanning.receipt', { number: CASE }, clerk)).number).toBe(ticket.number);
    await call('scanning.removePage', { case: CASE, pageId: (await pagesOf())[0].pageId });
    const next = await call<ReceiptTicket>('scanning.receipt', { number: CASE });
    expect(next.number).not.toBe(ticket.number);
    expect(next.pages).toBe(18);
    expect((await refusal('scanning.receipt', { number: OTHER })).code).toBe('RECEIPT_EMPTY');
  });
});
