import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseTypeCodes } from '../../../core/cases/caseTypes.js';
import { defaultStandardsDir, loadStandards } from '../../../core/catalogue/standards.js';
import { CourtError } from '../../../core/contract/index.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

/** A copy of the shipped standards an administrator could edit. */
function editableCopy(): string {
  const dir = join(tempDir(), 'catalogue');
  mkdirSync(dir);
  for (const f of readdirSync(defaultStandardsDir).filter((f) => f.endsWith('.json'))) copyFileSync(join(defaultStandardsDir, f), join(dir, f));
  return dir;
}

type StandardJson = { caseTypes: string[]; categories: { id: string; name: string; order?: number; titlePatterns: string[] }[] };

function edit(dir: string, file: string, change: (json: StandardJson) => void): void {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as StandardJson;
  change(json);
  writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
}

function failure(fn: () => unknown): CourtError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CourtError) return err;
    throw err;
  }
  throw new Error('expected a CourtError');
}

describe('catalogue standards shipped in resources/catalogue', () => {
  it('load and validate: civil, criminal, administrative and enforcement, first instance and appeal', () => {
    const set = loadStandards();
    expect(set.standards.map((s) => s.id).sort()).toEqual([
      'administrative-appeal',
      'administrative-first-instance',
      'civil-appeal',
      'civil-first-instance',
      'criminal-appeal',
      'criminal-first-instance',
      'enforcement-appeal',
      'enforcement-first-instance',
    ]);
    expect(set.forCaseType('民初').id).toBe('civil-first-instance');
    expect(set.forCaseType('刑终').id).toBe('criminal-appeal');
    expect(set.forCaseType('执').id).toBe('enforcement-first-instance');
    expect(set.forCaseType('执复').id).toBe('enforcement-appeal');
    expect(set.forCaseType('民再').id).toBe('general');
    for (const s of set.standards) for (const t of s.caseTypes) expect(Object.hasOwn(caseTypeCodes, t)).toBe(true);
  });

  it('follow the published order: 第十二条 for civil first instance, 第十三条 for civil appeal', () => {
    const civil = loadStandards().forCaseType('民初').categories;
    const order = (id: string) => civil.find((c) => c.id === id)!.order;
    expect(order('cover')).toBeLessThan(order('contents'));
    expect(order('complaint')).toBeLessThan(order('defence'));
    expect(order('trial-record')).toBeLessThan(order('judgment'));
    expect(order('judgment')).toBe(order('ruling'));
    expect(order('service-receipt')).toBeLessThan(order('appeal'));
    expect(civil.find((c) => c.id === 'complaint')).toMatchObject({ name: '起诉状', rule: '第十二条(3)' });
    const appeal = loadStandards().forCaseType('民终');
    expect(appeal.source.rule).toContain('第十三条');
    expect(appeal.categories.slice(0, 5).map((c) => c.id)).toEqual(['cover', 'contents', 'process-form', 'appeal-transfer', 'original-judgment']);
  });

  it('pick up an administrator’s edit without a restart', () => {
    const dir = editableCopy();
    expect(loadStandards(dir).forCaseType('民初').categories.find((c) => c.id === 'complaint')!.name).toBe('起诉状');
    edit(dir, 'civil-first-instance.json', (j) => {
      j.categories.find((c) => c.id === 'complaint')!.name = '起诉状（含口诉笔录）';
    });
    expect(loadStandards(dir).forCaseType('民初').categories.find((c) => c.id === 'complaint')!.name).toBe('起诉状（含口诉笔录）');
  });
});

describe('a broken standard file', () => {
  it('names the file and the category entry with a bad title pattern', () => {
    const dir = editableCopy();
    edit(dir, 'civil-appeal.json', (j) => {
      j.categories[3].titlePatterns[1] = '^上诉(案件移送';
    });
    const err = failure(() => loadStandards(dir));
    expect(err.code).toBe('CATALOGUE_STANDARD_INVALID');
    expect(err.message).toContain('civil-appeal.json');
    expect(err.message).toContain('第 4 个类别（id：appeal-transfer）的 titlePatterns[1]');
    expect(err.message).toContain('正则表达式无效');
    expect(err.details).toMatchObject({ file: 'civil-appeal.json', entry: 'categories[3].titlePatterns[1]', categoryId: 'appeal-transfer' });
  });

  it('names missing fields, unknown case types, duplicate ids and broken JSON', () => {
    const dir = editableCopy();
    edit(dir, 'criminal-appeal.json', (j) => {
      delete j.categories[0].order;
    });
    expect(failure(() => loadStandards(dir)).message).toMatch(/criminal-appeal\.json.*第 1 个类别（id：cover）的 order/);

    const dir2 = editableCopy();
    edit(dir2, 'enforcement-appeal.json', (j) => {
      j.caseTypes = ['执复', '执飞'];
    });
    expect(failure(() => loadStandards(dir2)).message).toMatch(/enforcement-appeal\.json.*caseTypes\[1\].*类型代字/);

    const dir3 = editableCopy();
    edit(dir3, 'civil-first-instance.json', (j) => {
      j.categories[5].id = 'complaint';
    });
    expect(failure(() => loadStandards(dir3)).message).toMatch(/civil-first-instance\.json.*第 6 个类别（id：complaint）.*重复/);

    const dir4 = editableCopy();
    writeFileSync(join(dir4, 'administrative-appeal.json'), '{ "id": "administrative-appeal", ');
    expect(failure(() => loadStandards(dir4)).message).toMatch(/administrative-appeal\.json 有误：不是有效的 JSON/);
  });

  it('refuses two standards claiming the same case type, and an empty directory', () => {
    const dir = editableCopy();
    edit(dir, 'civil-appeal.json', (j) => {
      j.caseTypes.push('民初');
    });
    expect(failure(() => loadStandards(dir)).message).toContain('案件类型“民初”已由 civil-appeal.json 编目');
    const empty = tempDir();
    expect(failure(() => loadStandards(empty)).code).toBe('CATALOGUE_STANDARD_MISSING');
  });
});
