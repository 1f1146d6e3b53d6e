import { describe, expect, it } from 'vitest';
import { parseChineseAmount, parseChineseInteger } from '../../../core/catalogue/fields/chineseNumerals.js';

describe('Chinese integers', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百一十', 110],
    ['一百零五', 105],
    ['一千零一十', 1010],
    ['一千零五', 1005],
    ['三千零二十', 3020],
    ['一万二千三百零五', 12305],
    ['十万零三', 100003],
    ['壹拾贰万叁仟肆佰伍拾陆', 123456],
    ['伍万', 50000],
    ['一亿零五万', 100050000],
    ['三亿五千万', 350000000],
    ['十二万亿', 12e12],
    ['一亿二千三百四十五万六千七百八十九', 123456789],
  ])('%s = %d', (text, value) => {
    expect(parseChineseInteger(text)).toBe(value);
  });

  it('reads 两 as two and finishes colloquial forms the way people say them', () => {
    expect(parseChineseInteger('两万')).toBe(20000);
    expect(parseChineseInteger('两千两百')).toBe(2200);
    expect(parseChineseInteger('两万五')).toBe(25000);
    expect(parseChineseInteger('三百五')).toBe(350);
    expect(parseChineseInteger('一万零五')).toBe(10005);
  });

  it('reads digits one after another when there are no units, as in years', () => {
    expect(parseChineseInteger('二〇二四')).toBe(2024);
    expect(parseChineseInteger('二零二三')).toBe(2023);
    expect(parseChineseInteger('一九九八')).toBe(1998);
  });

  it('mixes Arabic digits with Chinese units', () => {
    expect(parseChineseInteger('5万')).toBe(50000);
    expect(parseChineseInteger('1.5亿')).toBe(150000000);
    expect(parseChineseInteger('2万3千')).toBe(23000);
    expect(parseChineseInteger('12,000')).toBe(12000);
  });

  it('refuses what is not a number', () => {
    for (const bad of ['', '万', '亿', '一二万', '零百', '十万元', 'abc', '五六']) expect(parseChineseInteger(bad)).toBeNull();
  });
});

describe('amounts of money', () => {
  it.each([
    ['伍万元整', 50000],
    ['人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分', 123456.78],
    ['5万元', 50000],
    ['1,234.5元', 1234.5],
    ['¥3,000.00', 3000],
    ['￥80000.00', 80000],
    ['叁元零伍分', 3.05],
    ['壹佰元零伍角', 100.5],
    ['两万元', 20000],
    ['12.34万元', 123400],
    ['人民币捌万元整', 80000],
    ['壹拾元整', 10],
    ['玖角', 0.9],
  ])('%s = %d', (text, value) => {
    expect(parseChineseAmount(text)).toBe(value);
  });

  it('refuses broken thousands separators and stray text after 元', () => {
    expect(parseChineseAmount('1,23元')).toBeNull();
    expect(parseChineseAmount('五元钱')).toBeNull();
    expect(parseChineseAmount('元')).toBeNull();
  });
});
