import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openCourtCore } from '../../../core/app/courtCore.js';
import { addUser } from '../../../core/auth/userRepository.js';
import { getCase } from '../../../core/cases/caseRepository.js';
import { catalogueCase } from '../../../core/catalogue/catalogueCase.js';
import { CatalogueDesk } from '../../../core/catalogue/catalogueDesk.js';
import { saveCatalogue } from '../../../core/catalogue/saveCatalogue.js';
import type { CatalogueDocument, CatalogueProposal, Envelope } from '../../../core/contract/index.js';
import { OcrQueue } from '../../../core/ocr/queue.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { readAudit } from '../../../core/store/audit.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../../core/store/database.js';
import { TesseractEngine } from '../../../native/tesseract/tesseractEngine.js';
import { loadDossiers, pageText, storeDossier } from '../../fixtures/catalogue/dossier.js';
import { fileScannedDossier } from '../../helpers/catalogueFixture.js';
import { renderTextPage } from '../../helpers/pageImages.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const civil = loadDossiers().find((d) => d.name === 'civil-first-instance-loan')!;
const NUMBER = civil.caseNumber;

/** The labelled civil dossier scanned into a fresh store, pages small (only their text matters here). */
async function deskWithCase() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'store.sqlite'));
  const blobs = new BlobStore(join(dir, 'blobs'));
  const { pageIds } = await fileScannedDossier(db, blobs, civil, { scale: 0.25 });
  return { db, blobs, pageIds, desk: new CatalogueDesk({ db, blobs }) };
}

const inPageOrder = (docs: readonly CatalogueDocument[]) => [...docs].sort((a, b) => a.pages[0] - b.pages[0]);
const byFirstPage = (docs: readonly CatalogueDocument[], first: number) => docs.find((d) => d.pages[0] === first)!;
const tableRows = (db: Db) => ({
  documents: db.prepare('SELECT id, position, category, title FROM documents ORDER BY id').all(),
  links: db.prepare('SELECT id, document_id FROM pages ORDER BY id').all(),
  entries: db.prepare('SELECT document_id, category, confidence, fields_json, decided_by, decided_at FROM catalogue_entries ORDER BY id').all(),
  proposals: db.prepare('SELECT page_id, category, confidence, decided_by, decided_at FROM catalogue_proposals ORDER BY page_id').all(),
});

/** What the verifier does in the test: the chat log is an investigation record, not evidence, and the IOU and the bank statement are one exhibit. */
function verify(proposal: CatalogueProposal): CatalogueDocument[] {
  const docs = inPageOrder(proposal.documents);
  const iou = docs.findIndex((d) => d.pages[0] === 7);
  const merged: CatalogueDocument = { category: 'evidence', title: docs[iou].title, pages: [7, 8], confidence: null };
  return docs
    .filter((d) => d.pages[0] !== 8)
    .map((d, i) => (i === iou ? merged : d.pages[0] === 9 ? { ...d, category: 'investigation', title: '询问笔录', confidence: null } : d));
}

describe('the verification desk (智能编目 人机耦合)', () => {
  it('proposes the catalogue in the prescribed order with each page’s OCR state, and lists the standard’s categories in order', async () => {
    const { db, desk } = await deskWithCase();
    const proposal = desk.propose(NUMBER);
    expect(proposal.confirmed).toBeNull();
    expect(proposal.case.number).toBe(NUMBER);
    expect(proposal.documents.map((d) => d.category)).toEqual([
      'cover', 'contents', 'complaint', 'acceptance-notice', 'response-notice', 'defence', 'evidence', 'evidence', 'evidence', 'evidence',
      'power-of-attorney', 'summons', 'trial-record', 'judgment', 'service-receipt', 'service-receipt', 'service-receipt', 'remarks', 'back-cover',
    ]);
    expect(byFirstPage(proposal.documents, 4)).toMatchObject({ title: '民事起诉状', pages: [4, 5], fields: { parties: [{ role: '原告', name: '马某某' }, { role: '被告', name: '高某' }] } });
    expect(proposal.pages).toHaveLength(29);
    expect(proposal.pages[0]).toMatchObject({ position: 1, blank: false, ocr: 'done', ocrConfidence: 0.95 });
    expect(proposal.pages[1]).toMatchObject({ position: 2, blank: true, ocr: 'none', ocrConfidence: null });

    const { standard, categories } = desk.categories(NUMBER);
    expect(standard.name).toContain('民事');
    expect(categories.slice(0, 4).map((c) => c.name)).toEqual(['卷宗封面', '卷内目录', '审判流程管理信息表', '起诉状']);
    expect(categories.map((c) => c.order)).toEqual([...categories.map((c) => c.order)].sort((a, b) => a - b));
    db.close();
  });

  it('saves what the person decided: audited with who, when, what was proposed and what was decided, changes learnt, shown as confirmed afterwards', async () => {
    const { db, desk } = await deskWithCase();
    const proposal = desk.propose(NUMBER);
    const result = desk.save(NUMBER, verify(proposal), 'clerk.han');
    expect(result.corrections).toBe(1);
    expect(result.documentIds).toHaveLength(18);
    // The parties read from the documents and confirmed with them are the case's parties now, once each.
    expect(result.partiesAdded).toEqual(expect.arrayContaining([{ role: '原告', name: '马某某' }, { role: '被告', name: '高某' }]));
    expect(getCase(db, NUMBER).parties).toEqual(expect.arrayContaining(result.partiesAdded));
    expect(new Set(getCase(db, NUMBER).parties.map((p) => `${p.role}${p.name}`)).size).toBe(getCase(db, NUMBER).parties.length);
    expect(readAudit(db, `case:${NUMBER}`).find((a) => a.action === 'case.parties')).toMatchObject({ actor: 'clerk.han', before: [], after: result.partiesAdded });

    const [save] = readAudit(db, `case:${NUMBER}`).filter((a) => a.action === 'catalogue.save');
    expect(save).toMatchObject({ actor: 'clerk.han', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), before: [], after: { reviewed: true, corrections: 1 } });
    const decided = (save.after as { documents: { pages: number[] }[] }).documents;
    expect(decided.find((d) => d.pages[0] === 9)).toEqual({ category: 'investigation', title: '询问笔录', pages: [9, 10], proposed: 'evidence' });
    expect(decided.find((d) => d.pages[0] === 7)).toEqual({ category: 'evidence', title: '借条', pages: [7, 8], proposed: 'evidence' });
    // The change is a training example, audited too.
    expect(db.prepare("SELECT category, created_by FROM training_examples WHERE source = 'human'").all()).toEqual([{ category: 'investigation', created_by: 'clerk.han' }]);
    expect(readAudit(db).filter((a) => a.action === 'catalogue.correct')).toMatchObject([{ actor: 'clerk.han', after: { category: 'investigation' } }]);
    // The merged exhibit came without fields: the desk read them from its two pages.
    const merged = db.prepare("SELECT e.fields_json FROM catalogue_entries e JOIN documents d ON d.id = e.document_id WHERE d.title = '借条'").pluck().get() as string;
    expect(JSON.parse(merged).amounts).toContainEqual({ value: 80000, text: '人民币捌万元整' });

    const again = desk.propose(NUMBER);
    expect(again.confirmed).toEqual({ by: 'clerk.han', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(again.documents.every((d) => d.confirmed === true)).toBe(true);
    expect(inPageOrder(again.documents).map((d) => [d.category, d.pages])).toEqual(verify(proposal).map((d) => [d.category, d.pages]));
    // In the prescribed order: 询问、调查笔录 (item 11) follows the evidence (item 10).
    expect(again.documents.map((d) => d.category).slice(5, 9)).toEqual(['defence', 'evidence', 'evidence', 'investigation']);

    const report = desk.acceptance();
    expect(report.overall).toEqual({ accepted: 27, pages: 29, rate: 0.931 });
    expect(report.operators).toEqual([{ operator: 'clerk.han', accepted: 27, pages: 29, rate: 0.931 }]);
    expect(report.categories.find((c) => c.category === 'evidence')).toEqual({ category: 'evidence', name: '证据材料', accepted: 3, pages: 5, rate: 0.6 });
    db.close();
  });

  it('refuses to save a catalogue with a document left without a category, changing nothing', async () => {
    const { db, desk } = await deskWithCase();
    const proposal = desk.propose(NUMBER);
    const docs = inPageOrder(proposal.documents).map((d) => (d.pages[0] === 9 ? { ...d, category: null } : d));
    expect(() => desk.save(NUMBER, docs, 'clerk.han')).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_UNDECIDED', message: '第 7 份材料（第 9–10 页）还没有选择类别' }),
    );
    expect(db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(readAudit(db).filter((a) => a.action.startsWith('catalogue.'))).toEqual([]);
    db.close();
  });

  it('shows a page large enough to read beside its text, bounded in size; a page whose file is gone shows without image', async () => {
    const { db, blobs, desk, pageIds } = await deskWithCase();
    const big = await renderTextPage(civil.pages[3].lines);
    db.prepare('UPDATE pages SET sha256 = ? WHERE id = ?').run(blobs.put(big.jpeg), pageIds[3]);
    const view = await desk.page(pageIds[3]);
    expect(view).toMatchObject({ pageId: pageIds[3], text: pageText(civil.pages[3]), ocr: 'done' });
    const jpeg = Buffer.from(view.image!.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 1000, height: 1415 });

    db.prepare('UPDATE pages SET sha256 = ? WHERE id = ?').run('0'.repeat(64), pageIds[4]);
    expect((await desk.page(pageIds[4])).image).toBeNull();
    await expect(desk.page(99999)).rejects.toMatchObject({ code: 'PAGE_NOT_FOUND' });
    db.close();
  });

  it('has the page on screen recognised next when it is still waiting for OCR', async () => {
    const { db, blobs, pageIds, desk } = await deskWithCase();
    const queue = new OcrQueue({ db, blobs, engine: new TesseractEngine() });
    queue.enqueue(pageIds.slice(0, 5), ['chi_sim']);
    await desk.page(pageIds[4]);
    const next = db.prepare("SELECT page_id FROM ocr_jobs WHERE status = 'queued' ORDER BY priority DESC, id LIMIT 1").pluck().get();
    expect(next).toBe(pageIds[4]);
    db.close();
  });

  it('keeps a person’s confirmed decisions when OCR runs again on a page', { timeout: 60_000 }, async () => {
    const { db, blobs, desk, pageIds } = await deskWithCase();
    // The complaint's first page as a legible scan, so tesseract reads it (differently from the fixture's text).
    const scan = await renderTextPage(civil.pages[3].lines);
    db.prepare('UPDATE pages SET sha256 = ? WHERE id = ?').run(blobs.put(scan.jpeg), pageIds[3]);
    const proposal = desk.propose(NUMBER);
    desk.save(NUMBER, verify(proposal), 'clerk.han');
    const saved = tableRows(db);
    const shown = desk.propose(NUMBER);

    const queue = new OcrQueue({ db, blobs, engine: new TesseractEngine(), concurrency: 1 });
    expect(queue.enqueue([pageIds[3]], ['chi_sim'])).toBe(1);
    queue.start();
    await queue.idle();
    await queue.stop();
    const redone = db.prepare('SELECT text, engine FROM page_text WHERE page_id = ?').get(pageIds[3]) as { text: string; engine: string };
    expect(redone.engine).toMatch(/^tesseract/);
    expect(redone.text).not.toBe(pageText(civil.pages[3]));

    expect(tableRows(db)).toEqual(saved);
    const after = desk.propose(NUMBER);
    expect(after.confirmed).toEqual(shown.confirmed);
    expect(after.documents).toEqual(shown.documents);
    expect(desk.acceptance().overall).toEqual({ accepted: 27, pages: 29, rate: 0.931 });
    db.close();
  });

  it('refuses to let a machine catalogue (courtdesk catalogue --save) replace one a person confirmed', async () => {
    const { db, desk } = await deskWithCase();
    const proposal = desk.propose(NUMBER);
    desk.save(NUMBER, verify(proposal), 'clerk.han');
    const saved = tableRows(db);
    const machine = catalogueCase(db, NUMBER).documents;
    expect(() => saveCatalogue(db, NUMBER, machine, 'cli', { proposal: machine })).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_CONFIRMED', message: `案件 ${NUMBER} 的编目已由 clerk.han 人工确认，机器编目不能覆盖` }),
    );
    expect(tableRows(db)).toEqual(saved);
    db.close();
  });

  it('proposes only the pages scanned after the confirmation; a second review keeps the machine’s proposals as the measure and credits the reviewer', async () => {
    const { db, desk } = await deskWithCase();
    const first = desk.propose(NUMBER);
    desk.save(NUMBER, inPageOrder(first.documents), 'clerk.han');
    expect(desk.acceptance().overall).toEqual({ accepted: 29, pages: 29, rate: 1 });

    // Two more 送达回证 come back from the post and are scanned into the case.
    const receipt = civil.pages[25];
    const caseId = first.case.id;
    for (const position of [30, 31]) {
      const { lastInsertRowid } = db
        .prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (?, ?, ?, 'image/jpeg', 'scan')")
        .run(caseId, position, String(position).repeat(32));
      db.prepare("INSERT INTO page_text (page_id, text, lang, engine) VALUES (?, ?, 'chi_sim', 'fixture')").run(lastInsertRowid, pageText(receipt));
    }
    const second = desk.propose(NUMBER);
    expect(second.confirmed?.by).toBe('clerk.han');
    const fresh = second.documents.filter((d) => !d.confirmed);
    expect(fresh.map((d) => ({ category: d.category, pages: d.pages }))).toEqual([
      { category: 'service-receipt', pages: [30, 30] },
      { category: 'service-receipt', pages: [31, 31] },
    ]);
    expect(second.documents.filter((d) => d.confirmed).map((d) => d.pages)).toEqual(first.documents.map((d) => d.pages));

    // The second reviewer moves the 备考表 to 卷底 and accepts the rest.
    const decided = inPageOrder(second.documents).map((d) => (d.pages[0] === 28 ? { ...d, category: 'back-cover', title: '卷底', confidence: null } : d));
    expect(desk.save(NUMBER, decided, 'scanner.li').corrections).toBe(1);
    const proposals = db.prepare('SELECT category FROM catalogue_proposals WHERE page_id IN (SELECT id FROM pages WHERE position IN (28, 30))').pluck().all();
    expect(proposals).toEqual(['remarks', 'service-receipt']);
    expect(desk.acceptance()).toMatchObject({
      overall: { accepted: 30, pages: 31 },
      operators: [{ operator: 'scanner.li', accepted: 30, pages: 31 }],
    });
    db.close();
  });
});

describe('the catalogue service over the contract', () => {
  const ok = <T,>(e: Envelope<T>): T => {
    if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`);
    return e.value;
  };
  const code = (e: Envelope<unknown>) => (e.ok ? 'ok' : e.error.code);

  it('lets scanning staff verify and save, supervisors see the acceptance share, and keeps judges out', async () => {
    const core = openCourtCore({ dataDir: tempDir(), host: 'web', version: 'test' });
    const password = (await core.ensureInitialAdmin())!;
    storeDossier(core.db, civil);
    await addUser(core.db, { username: 'scanner1', displayName: '扫描员一', roles: ['scanner'], password: 'scanner-pass-1' }, 'admin');
    await addUser(core.db, { username: 'judge1', displayName: '法官一', roles: ['judge'], password: 'judge-pass-1' }, 'admin');
    const signIn = async (username: string, pw: string) => {
      const ctx: CallContext = { session: null };
      ok(await core.dispatch(ctx, 'auth.login', { username, password: pw }));
      return ctx;
    };
    const scanner = await signIn('scanner1', 'scanner-pass-1');
    const judge = await signIn('judge1', 'judge-pass-1');
    const admin = await signIn('admin', password);

    const proposal = ok(await core.dispatch(scanner, 'catalogue.propose', { number: NUMBER })) as CatalogueProposal;
    expect(proposal.documents).toHaveLength(19);
    expect(code(await core.dispatch(scanner, 'catalogue.categories', { number: NUMBER }))).toBe('ok');
    // The measure is what propose showed: a client that sends its own decisions as "the proposal" changes nothing.
    const decided = verify(proposal);
    const saved = await core.dispatch(scanner, 'catalogue.save', { number: NUMBER, documents: decided, proposal: decided });
    expect(ok(saved)).toMatchObject({ corrections: 1 });
    expect(code(await core.dispatch(scanner, 'catalogue.acceptance', {}))).toBe('FORBIDDEN');
    expect(code(await core.dispatch(judge, 'catalogue.propose', { number: NUMBER }))).toBe('FORBIDDEN');
    expect(code(await core.dispatch(scanner, 'catalogue.save', { number: NUMBER, documents: [] }))).toBe('INVALID_INPUT');
    expect(ok(await core.dispatch(admin, 'catalogue.acceptance', {}))).toMatchObject({
      overall: { accepted: 27, pages: 29, rate: 0.931 },
      operators: [{ operator: 'scanner1', rate: 0.931 }],
    });
    core.close();
  });
});
