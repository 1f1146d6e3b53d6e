import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueCase, classifyText } from '../../../core/catalogue/catalogueCase.js';
import { recordCorrection } from '../../../core/catalogue/corrections.js';
import { acceptanceRate } from '../../../core/catalogue/acceptance.js';
import { saveCatalogue } from '../../../core/catalogue/saveCatalogue.js';
import { loadDossier } from '../../../core/dossier/model.js';
import { readAudit } from '../../../core/store/audit.js';
import { openDatabase } from '../../../core/store/database.js';
import { loadDossiers, storeDossier } from '../../fixtures/catalogue/dossier.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const civil = loadDossiers().find((d) => d.name === 'civil-first-instance-loan')!;
const NUMBER = '（2023）豫0105民初6612号';

function storeWithCase() {
  const file = join(tempDir(), 'store.sqlite');
  const db = openDatabase(file);
  storeDossier(db, civil);
  return { db, file };
}

describe('saving a confirmed catalogue', () => {
  it('writes documents, links pages, records catalogue entries and audits the save; the e-dossier follows it in the prescribed order', () => {
    const { db } = storeWithCase();
    const proposal = catalogueCase(db, NUMBER).documents;
    const result = saveCatalogue(db, NUMBER, proposal, 'clerk.han', { proposal, reviewed: true });
    expect(result).toMatchObject({ corrections: 0 });
    expect(result.documentIds).toHaveLength(proposal.length);

    // Scanned with the evidence behind the complaint and a 送达回证 after each notice; the
    // standard puts 受理/应诉通知书 and the 答辩状 before the evidence and every 送达回证 together.
    const dossier = loadDossier(db, NUMBER);
    expect(dossier.documents.map((d) => d.category)).toEqual([
      'cover', 'contents', 'complaint', 'acceptance-notice', 'response-notice', 'defence', 'evidence', 'evidence', 'evidence', 'evidence',
      'power-of-attorney', 'summons', 'trial-record', 'judgment', 'service-receipt', 'service-receipt', 'service-receipt', 'remarks', 'back-cover',
    ]);
    expect(dossier.documents.filter((d) => d.category === 'evidence').map((d) => d.title)).toEqual(['原告证据目录', '借条', '中国某某银行个人账户交易明细', '微信聊天记录']);
    expect(dossier.documents.find((d) => d.title === '民事判决书')!.pages).toHaveLength(4);
    expect(dossier.documents.find((d) => d.title === '民事判决书')!.pages.map((p) => p.id)).toEqual([22, 23, 24, 25]);
    const entries = db.prepare('SELECT category, decided_by, confidence, fields_json FROM catalogue_entries ORDER BY id').all() as {
      category: string;
      decided_by: string;
      confidence: number;
      fields_json: string;
    }[];
    expect(entries).toHaveLength(proposal.length);
    expect(entries[2]).toMatchObject({ category: 'complaint', decided_by: 'clerk.han' });
    expect(entries[2].confidence).toBeGreaterThan(0.9);
    expect(JSON.parse(entries[2].fields_json).parties).toEqual([
      { role: '原告', name: '马某某' },
      { role: '被告', name: '高某' },
    ]);
    const audit = readAudit(db, `case:${NUMBER}`).filter((a) => a.action === 'catalogue.save');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'clerk.han', before: [], after: { corrections: 0, reviewed: true } });
    expect((audit[0].after as { documents: unknown[] }).documents[2]).toEqual({ category: 'complaint', title: '民事起诉状', pages: [4, 5], proposed: 'complaint' });
    expect(acceptanceRate(db)).toEqual({ accepted: 29, pages: 29, rate: 1 });
    db.close();
  });

  it('learns from every changed category, so the same text is classified as corrected next time, also after a restart', () => {
    const { db, file } = storeWithCase();
    const text = '马某某:钱什么时候还我?\n高某:再等两个月。\n马某某:那我只能起诉了。';
    expect(classifyText(text, { db }).category).toBeNull();
    const proposal = catalogueCase(db, NUMBER).documents;
    const chat = proposal.findIndex((d) => d.pages[0] === 9);
    expect(proposal[chat].category).toBe('evidence');
    const edited = proposal.map((d, i) => (i === chat ? { ...d, category: 'investigation', confidence: null } : d));
    expect(saveCatalogue(db, NUMBER, edited, 'clerk.han', { proposal, reviewed: true }).corrections).toBe(1);

    const pages = acceptanceRate(db);
    expect(pages).toEqual({ accepted: 27, pages: 29, rate: 0.931 });
    expect(db.prepare("SELECT category, created_by FROM training_examples WHERE source = 'human'").all()).toEqual([{ category: 'investigation', created_by: 'clerk.han' }]);
    expect(readAudit(db).filter((a) => a.action === 'catalogue.correct')).toMatchObject([{ actor: 'clerk.han', after: { category: 'investigation', kind: 'investigation' } }]);
    const entry = db.prepare("SELECT confidence FROM catalogue_entries WHERE category = 'investigation'").get() as { confidence: number | null };
    expect(entry.confidence).toBeNull();
    db.close();

    const again = openDatabase(file);
    expect(classifyText(text, { db: again }).category).toBe('investigation');
    again.close();
  });

  it('replaces an earlier catalogue and keeps the earlier one in the audit log', () => {
    const { db } = storeWithCase();
    saveCatalogue(db, NUMBER, [{ category: null, title: '整卷', pages: [1, 29] }], 'scanner.li');
    const proposal = catalogueCase(db, NUMBER).documents;
    saveCatalogue(db, NUMBER, proposal, 'clerk.han');
    expect(db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(proposal.length);
    const saves = readAudit(db, `case:${NUMBER}`).filter((a) => a.action === 'catalogue.save');
    expect(saves[1].before).toEqual([{ category: null, title: '整卷', first: 1, last: 29 }]);
    expect(acceptanceRate(db).rate).toBeNull();
    db.close();
  });

  it('refuses overlapping or out-of-case page ranges and unknown categories, changing nothing', () => {
    const { db } = storeWithCase();
    const bad = (docs: unknown) => () => saveCatalogue(db, NUMBER, docs, 'clerk.han');
    expect(bad([{ category: 'complaint', title: '起诉状', pages: [4, 5] }, { category: 'evidence', title: '证据', pages: [5, 6] }])).toThrow(
      expect.objectContaining({ code: 'CATALOGUE_PAGES_INVALID', message: expect.stringContaining('第 2 份材料（证据）的页码范围 5–6 有误：与前一份材料重叠或顺序颠倒') }),
    );
    expect(bad([{ category: 'complaint', title: '起诉状', pages: [30, 31] }])).toThrow(expect.objectContaining({ code: 'CATALOGUE_PAGES_INVALID' }));
    expect(bad([{ category: 'complaint', title: '起诉状', pages: [5, 4] }])).toThrow(expect.objectContaining({ code: 'CATALOGUE_PAGES_INVALID' }));
    expect(bad([{ category: 'sonnet', title: '诗', pages: [1, 1] }])).toThrow(expect.objectContaining({ code: 'CATALOGUE_CATEGORY_UNKNOWN' }));
    expect(bad([{ category: 'complaint', pages: [1, 1] }])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(readAudit(db).filter((a) => a.action.startsWith('catalogue.'))).toEqual([]);
    db.close();
  });
});

describe('recordCorrection', () => {
  it('adds a human training example with an audit entry and the model uses it at once', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const payroll = '工资发放明细表\n姓名 应发工资 实发工资 签字\n于某 6200 6200\n2023年9月';
    const before = classifyText(payroll, { db });
    const { exampleId, kind } = recordCorrection(db, payroll, 'evidence', 'clerk.han');
    expect(kind).toBe('evidence');
    expect(readAudit(db, `training-example:${exampleId}`)).toMatchObject([{ actor: 'clerk.han', action: 'catalogue.correct', after: { category: 'evidence', chars: payroll.length } }]);
    const after = classifyText('工资发放明细表\n姓名 应发工资 实发工资\n张某 5800 5800', { db });
    expect(after.category).toBe('evidence');
    expect(after.confidence).toBeGreaterThan(before.category === 'evidence' ? before.confidence : 0);
    expect(() => recordCorrection(db, payroll, 'sonnet', 'clerk.han')).toThrow(expect.objectContaining({ code: 'CATALOGUE_CATEGORY_UNKNOWN' }));
    expect(() => recordCorrection(db, '   ', 'evidence', 'clerk.han')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    db.close();
  });

  it('stores a correction to 原审判决书 as the kind of document it is', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const text = '某某人民法院\n民事判决书\n（2023）苏0506民初4512号\n原告张三与被告李四民间借贷纠纷一案，判决如下：';
    expect(recordCorrection(db, text, 'original-judgment', 'clerk.han').kind).toBe('judgment');
    db.close();
  });
});
