import { describe, expect, it } from 'vitest';
import { endsDocument, findCounter, headingOf, isSeparatorText, matchTitles, normaliseTitle, topLines } from '../../../core/catalogue/pageText.js';
import { loadStandards } from '../../../core/catalogue/standards.js';

const civil = loadStandards().forCaseType('民初').categories;

describe('titles', () => {
  it('compares titles without letter spacing, decorations, trailing notes or common OCR look-alikes', () => {
    expect(normaliseTitle(' 民 事 起 诉 状 ')).toBe('民事起诉状');
    expect(normaliseTitle('《授权委托书》')).toBe('授权委托书');
    expect(normaliseTitle('民事判决书（副本）')).toBe('民事判决书');
    expect(normaliseTitle('民亊判决书。')).toBe('民事判决书');
    expect(normaliseTitle('营业执照(副本)(复印件)')).toBe('营业执照');
  });

  it('finds the title below a letterhead and names its category', () => {
    const lines = topLines('河南省郑州市金水区人民法院\n传  票\n案号 (2023)豫0105民初6612号');
    expect(headingOf(lines)).toBe('河南省郑州市金水区人民法院');
    expect(matchTitles(lines, civil)).toEqual([{ categoryId: 'summons', title: '传票', line: 1 }]);
  });

  it('reads a letterhead and title printed on one line; categories sharing a title all match', () => {
    expect(matchTitles(['江苏省苏州市中级人民法院民事判决书'], civil).map((h) => h.categoryId)).toEqual(['judgment', 'appeal-judgment']);
  });

  it('does not take a sentence that mentions a document for its title', () => {
    expect(matchTitles(['本院于2023年6月19日立案后，向被告送达了起诉状副本及应诉通知书。'], civil)).toEqual([]);
  });
});

describe('page counters', () => {
  it.each([
    ['第 2 页 共 5 页', { index: 2, total: 5 }],
    ['共3页 第1页', { index: 1, total: 3 }],
    ['2/4', { index: 2, total: 4 }],
    ['- 3 -', { index: 3 }],
    ['第二页', { index: 2 }],
    ['第一页，共三页', { index: 1, total: 3 }],
  ])('%s', (line, counter) => {
    expect(findCounter(['正文', line])).toEqual(counter);
  });

  it('ignores counters that cannot be right', () => {
    expect(findCounter(['第5页共3页'])).toBeNull();
    expect(findCounter(['借款期限为2/3年'])).toBeNull();
  });
});

describe('the end of a document', () => {
  it('is a signature, 此致, a seal or a date standing alone', () => {
    expect(endsDocument('标题\n第一段\n第二段\n第三段\n审判员 杜某\n二〇二三年九月二十六日\n书记员 韩某')).toBe(true);
    expect(endsDocument('标题\n正文\n正文\n正文\n此致\n郑州市金水区人民法院')).toBe(true);
    expect(endsDocument('标题\n正文\n正文\n正文\n（院印）')).toBe(true);
  });

  it('is not dialogue in a record nor the party lines under a short page’s title', () => {
    expect(endsDocument('庭审笔录\n审：下面进行法庭调查。\n原：同起诉状。\n审判长：被告答辩。\n被告人：我认罪。')).toBe(false);
    expect(endsDocument('行政答辩状\n答辩人:厦门市某区市场监督管理局\n法定代表人:魏某,局长。\n一、被诉行政处罚决定认定事实清楚。')).toBe(false);
  });
});

describe('separator sheets', () => {
  it('is a page that says 分隔页 and little else', () => {
    expect(isSeparatorText('分 隔 页')).toBe(true);
    expect(isSeparatorText('文书分隔页\n||||| |||')).toBe(true);
    expect(isSeparatorText('卷内目录\n1 分隔页 3\n2 起诉状 4\n3 答辩状 5\n4 判决书 6')).toBe(false);
  });
});
