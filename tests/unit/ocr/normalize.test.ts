import { describe, expect, it } from 'vitest';
import { buildPageText, normalizeText, type RawWord } from '../../../core/ocr/normalize.js';

describe('normalizeText: spacing', () => {
  it.each([
    ['中 华 人 民 共 和 国', '中华人民共和国'],
    ['民事 判决 书', '民事判决书'],
    ['原告 张 三 ， 男', '原告张三，男'],
    ['《 中华人民共和国民法典 》 第 六百七十五 条', '《中华人民共和国民法典》第六百七十五条'],
    ['“ 借款 ” 一 词', '“借款”一词'],
    ['本院 认为 ： 被告 应 当 还款 。', '本院认为：被告应当还款。'],
    ['借款 50000 元', '借款50000元'],
    ['2024 年 3 月 5 日', '2024年3月5日'],
    ['The quick brown fox', 'The quick brown fox'],
    ['The   quick  brown', 'The quick brown'],
    ['Article 12 of 2024', 'Article 12 of 2024'],
    ['代理人 John Smith ， 律师', '代理人John Smith，律师'],
    ['  前后 空格  ', '前后空格'],
    ['全角\u3000空格', '全角空格'],
    ['中\u200b文', '中文'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('normalizeText: punctuation', () => {
  it.each([
    ['原告:张三', '原告：张三'],
    ['原告 : 张三', '原告：张三'],
    ['张三,男,汉族', '张三，男，汉族'],
    ['男 , 1980年', '男，1980年'],
    ['双方;另查明', '双方；另查明'],
    ['是否还款?', '是否还款？'],
    ['立即执行!', '立即执行！'],
    ['公开开庭进行了审理.', '公开开庭进行了审理。'],
    ['(2024)苏0508民初1234号', '（2024）苏0508民初1234号'],
    ['（2024)苏0508民初1234号', '（2024）苏0508民初1234号'],
    ['(2024）苏0508民初1234号', '（2024）苏0508民初1234号'],
    ['张三(Zhang San)', '张三（Zhang San）'],
    ['第一百四十二条第一款(略)', '第一百四十二条第一款（略）'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    ['50,000元', '50,000元'],
    ['14:30开庭', '14:30开庭'],
    ['年利率3.85%', '年利率3.85%'],
    ['第3.2条', '第3.2条'],
    ['see (above), then stop.', 'see (above), then stop.'],
    ['e.g. Smith: 12 (2024)', 'e.g. Smith: 12 (2024)'],
    ['网址:http://www.court.gov.cn', '网址：http://www.court.gov.cn'],
  ])('leaves %j as %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps full-width punctuation as it is', () => {
    const s = '原告：张三，被告（李四）；《民法典》“合同”。、！？……——';
    expect(normalizeText(s)).toBe(s);
  });

  it('turns full-width letters and digits into ASCII so searches for 2024 match', () => {
    expect(normalizeText('（２０２４）苏０５０８民初１号 ＡＢＣ')).toBe('（2024）苏0508民初1号ABC');
  });
});

describe('normalizeText: lines', () => {
  it('keeps line breaks, collapses runs of blank lines and trims the ends', () => {
    expect(normalizeText('\n\n民事 判决 书\n\n\n\n原告 张三\n被告 李四\n\n')).toBe('民事判决书\n\n原告张三\n被告李四');
  });

  it('leaves plain English text unchanged', () => {
    const en = 'This is a lot of 12 point text to test the\nocr code and see if it works on all types\nof file format.';
    expect(normalizeText(en)).toBe(en);
  });
});

const w = (text: string, block: number, par: number, line: number, x0 = 0): RawWord => ({
  text,
  bbox: { x0, y0: line * 50, x1: x0 + 40, y1: line * 50 + 40 },
  conf: 91.23456,
  block,
  par,
  line,
});

describe('buildPageText', () => {
  it('joins words within a line, breaks lines within a paragraph and leaves a blank line between paragraphs', () => {
    const { text } = buildPageText([
      w('民事', 1, 1, 1),
      w('判决', 1, 1, 1),
      w('书', 1, 1, 1),
      w('原告', 2, 1, 1),
      w(':', 2, 1, 1),
      w('张三', 2, 1, 1),
      w(',', 2, 1, 1),
      w('男', 2, 1, 1),
      w('被告', 2, 1, 2),
      w('李四', 2, 1, 2),
      w('本院', 2, 2, 1),
      w('认为', 2, 2, 1),
    ]);
    expect(text).toBe('民事判决书\n\n原告：张三，男\n被告李四\n\n本院认为');
  });

  it('numbers lines across the page, keeps blocks and boxes, and gives each word its normalised text', () => {
    const { words } = buildPageText([w('原告', 1, 1, 1, 10), w(':', 1, 1, 1, 60), w('张三', 1, 2, 1, 10), w('Smith', 2, 1, 1, 10)]);
    expect(words.map((x) => [x.text, x.line, x.block])).toEqual([
      ['原告', 1, 1],
      ['：', 1, 1],
      ['张三', 2, 1],
      ['Smith', 3, 2],
    ]);
    expect(words[1].bbox).toEqual({ x0: 60, y0: 50, x1: 100, y1: 90 });
    expect(words[0].conf).toBe(91.23);
  });

  it('drops empty words and lines that hold nothing', () => {
    const { text, words } = buildPageText([w(' ', 1, 1, 1), w('\u200b', 1, 1, 2), w('证据', 1, 1, 3)]);
    expect(text).toBe('证据');
    expect(words).toHaveLength(1);
    expect(words[0].line).toBe(1);
  });

  it('gives an empty page empty text', () => {
    expect(buildPageText([])).toEqual({ text: '', words: [] });
  });
});
