import { describe, expect, it } from 'vitest';
import { classifyText } from '../../../core/catalogue/catalogueCase.js';
import { CentroidClassifier } from '../../../core/catalogue/classifier/centroid.js';
import { classifyDocument } from '../../../core/catalogue/classifier/classify.js';
import { asKindModel, classifierFor } from '../../../core/catalogue/classifier/model.js';
import { textFeatures } from '../../../core/catalogue/classifier/ngrams.js';
import { loadStandards } from '../../../core/catalogue/standards.js';

const standards = loadStandards();
const model = asKindModel(classifierFor());

describe('character n-grams', () => {
  it('cuts runs of Hanzi into 1–3-grams and never splits on spaces or reads Latin and digits', () => {
    const f = textFeatures('民事 判决 2024 abc');
    expect([...f.keys()].sort()).toEqual(['事', '判', '判决', '决', '民', '民事'].sort());
    expect(textFeatures('起诉状').has('起诉状')).toBe(true);
  });
});

describe('nearest-centroid classifier', () => {
  it('learns from single examples and assigns probabilities that sum to one', () => {
    const c = new CentroidClassifier();
    c.add(textFeatures('借条 今借到人民币五万元'), 'evidence');
    c.add(textFeatures('传票 被传唤人 应到时间 应到处所'), 'summons');
    const p = c.predict(textFeatures('今借到张三人民币一万元'));
    expect(p[0].label).toBe('evidence');
    expect(p.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 9);
    c.add(textFeatures('今借到李四人民币两万元 收款凭证'), 'receipt');
    expect(c.size).toBe(3);
    expect(c.labels).toContain('receipt');
  });
});

describe('document classification', () => {
  it('is sure when the prescribed title heads the page', () => {
    const r = classifyText('民事起诉状\n原告：张三，男。\n被告：李四，男。\n诉讼请求：判令被告归还借款伍万元整。');
    expect(r.category).toBe('complaint');
    expect(r.confidence).toBeGreaterThan(0.95);
    expect(r.fields.amounts).toEqual([{ value: 50000, text: '伍万元整' }]);
  });

  it('recognises a document by its wording when the title is garbled', () => {
    const r = classifyText('民亊起诉伏\n原告：王某，女。\n诉讼请求：一、判令被告支付货款；二、诉讼费由被告承担。\n事实与理由：原、被告签订买卖合同。\n此致\n某某人民法院\n具状人：王某');
    expect(r.category).toBe('complaint');
  });

  it('abstains (category null) on text that says nothing about what it is', () => {
    const r = classifyText('今天天气晴朗，适合出行。');
    expect(r.category).toBeNull();
    expect(r.confidence).toBeLessThan(0.45);
  });

  it('tells the original judgment from the appeal court’s own by the document’s 案号', () => {
    const appeal = standards.forCaseType('民终');
    const first = '苏州市吴中区人民法院\n民事判决书\n（2023）苏0506民初4512号\n原告张三与被告李四民间借贷纠纷一案';
    const own = '苏州市中级人民法院\n民事判决书\n（2023）苏05民终8123号\n上诉人李四因与被上诉人张三民间借贷纠纷一案';
    expect(classifyDocument(first, appeal, model).category).toBe('original-judgment');
    expect(classifyDocument(own, appeal, model).category).toBe('judgment');
    expect(classifyDocument(first, standards.general, model).category).toBe('judgment');
  });

  it('files the judgment being enforced as the enforcement basis in an enforcement case', () => {
    const enforcement = standards.forCaseType('执');
    const basis = '西安市雁塔区人民法院\n民事判决书\n（2023）陕0113民初9120号\n原告某某公司与被告严某买卖合同纠纷一案';
    const ruling = '西安市雁塔区人民法院\n执行裁定书\n（2024）陕0113执2051号\n裁定如下：冻结被执行人存款。';
    expect(classifyDocument(basis, enforcement, model).category).toBe('enforcement-basis');
    expect(classifyDocument(ruling, enforcement, model).category).toBe('ruling');
  });

  it('only proposes categories of the case’s own standard', () => {
    const criminal = standards.forCaseType('刑初');
    const r = classifyDocument('起诉书\n被告人陈某，男。\n本院认为被告人的行为构成诈骗罪。', criminal, model);
    expect(r.category).toBe('indictment');
  });
});
