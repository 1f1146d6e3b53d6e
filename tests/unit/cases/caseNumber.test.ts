import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { parseCaseNumber } from '../../../core/cases/caseNumber.js';

describe('案号 parsing', () => {
  it('reads year, court code, type code and sequence', () => {
    expect(parseCaseNumber('（2024）苏0508民初1234号')).toEqual({
      canonical: '（2024）苏0508民初1234号',
      year: 2024,
      courtCode: '苏0508',
      typeCode: '民初',
      sequence: 1234,
    });
  });

  it('accepts half-width brackets, full-width digits and stray spaces, and normalises them', () => {
    expect(parseCaseNumber(' (2024)苏0508民初1234号 ').canonical).toBe('（2024）苏0508民初1234号');
    expect(parseCaseNumber('（２０２３）京01民终５号').canonical).toBe('（2023）京01民终5号');
    expect(parseCaseNumber('( 2022 ) 沪0115 执 77 号').canonical).toBe('（2022）沪0115执77号');
  });

  it('knows courts of every level and multi-character type codes', () => {
    expect(parseCaseNumber('（2021）最高法民申100号').courtCode).toBe('最高法');
    expect(parseCaseNumber('（2021）粤行终3号').courtCode).toBe('粤');
    expect(parseCaseNumber('（2020）浙0102执恢8号').typeCode).toBe('执恢');
    expect(parseCaseNumber('（2020）浙01行赔初8号').typeCode).toBe('行赔初');
  });

  it.each([
    ['2024民初1', '应为'],
    ['（2024）苏0508民初号', '应为'],
    ['（2024）苏0508某某1号', '类型代字'],
    ['（1900）苏0508民初1号', '年份'],
    ['（2024）X0508民初1号', '应为'],
    ['（2024）苏0508民初0号', '序号'],
  ])('rejects %s with a reason', (input, reason) => {
    try {
      parseCaseNumber(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CourtError);
      expect((err as CourtError).code).toBe('INVALID_CASE_NUMBER');
      expect((err as CourtError).message).toContain(reason);
      expect((err as CourtError).exitCode).toBe(2);
    }
  });
});
