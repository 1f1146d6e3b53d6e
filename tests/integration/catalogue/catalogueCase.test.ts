import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../core/cases/caseRepository.js';
import { catalogueCase, classifyText } from '../../../core/catalogue/catalogueCase.js';
import { openDatabase } from '../../../core/store/database.js';
import { loadDossiers, storeDossier } from '../../fixtures/catalogue/dossier.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const dossiers = loadDossiers();
const byName = (name: string) => dossiers.find((d) => d.name === name)!;

describe('catalogueCase on a store on disk', () => {
  it('splits a civil first-instance dossier into its documents with categories, titles and fields', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const d = byName('civil-first-instance-loan');
    storeDossier(db, d);
    const { documents } = catalogueCase(db, '(2023)豫0105民初6612号');
    expect(documents.map((x) => ({ category: x.category, pages: x.pages }))).toEqual(d.documents);
    const complaint = documents[2];
    expect(complaint).toMatchObject({ category: 'complaint', title: '民事起诉状', pages: [4, 5] });
    expect(complaint.confidence).toBeGreaterThan(0.9);
    expect(complaint.fields.parties).toEqual([
      { role: '原告', name: '马某某' },
      { role: '被告', name: '高某' },
    ]);
    expect(complaint.fields.amounts[0]).toEqual({ value: 80000, text: '人民币捌万元整' });
    expect(complaint.fields.courts).toEqual(['郑州市金水区人民法院']);
    const judgment = documents.find((x) => x.category === 'judgment')!;
    expect(judgment.title).toBe('民事判决书');
    expect(judgment.fields.caseNumbers).toEqual(['（2023）豫0105民初6612号']);
    expect(judgment.fields.dates).toContain('2023-09-26');
    expect(documents[0]).toMatchObject({ category: 'cover', pages: [1, 2] });
    db.close();
  });

  it('uses the standard of the case type: appeal and enforcement dossiers', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    for (const name of ['civil-appeal-lease', 'enforcement-goods']) {
      const d = byName(name);
      storeDossier(db, d);
      expect(catalogueCase(db, d.caseNumber).documents.map((x) => ({ category: x.category, pages: x.pages }))).toEqual(d.documents);
    }
    db.close();
  });

  it('leaves pages without OCR text for a person, and explains an empty or unknown case', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const c = createCase(db, { number: '（2024）苏0508民初77号' }, 'test');
    expect(() => catalogueCase(db, c.number)).toThrow(expect.objectContaining({ code: 'CATALOGUE_NO_PAGES' }));
    expect(() => catalogueCase(db, '（2024）苏0508民初78号')).toThrow(expect.objectContaining({ code: 'CASE_NOT_FOUND' }));
    db.prepare("INSERT INTO pages (case_id, position, sha256, media_type, source) VALUES (?, 1, ?, 'image/png', 'scan')").run(c.id, 'a'.repeat(64));
    expect(catalogueCase(db, c.number).documents).toEqual([
      { category: null, title: '待审核材料', pages: [1, 1], confidence: 0, fields: { caseNumbers: [], parties: [], dates: [], amounts: [], courts: [] } },
    ]);
    db.close();
  });
});

describe('classifyText', () => {
  it('gives the category, confidence and fields of one text, with or without a store', () => {
    const text = '郑州市金水区人民法院\n应 诉 通 知 书\n(2023)豫0105民初6612号\n高某:\n本院受理原告马某某诉你民间借贷纠纷一案。';
    const alone = classifyText(text);
    expect(alone).toMatchObject({ category: 'response-notice', fields: { caseNumbers: ['（2023）豫0105民初6612号'] } });
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    expect(classifyText(text, { db }).category).toBe('response-notice');
    db.close();
  });
});
