import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { checkCategory, formatPayload, parsePayload, toAscii } from '../../../core/scanning/separators/payload.js';

const CASE = '（2024）苏0508民初1234号';

describe('separator payload', () => {
  it('writes the versioned forms the sheets print', () => {
    expect(formatPayload({ kind: 'case', caseNumber: '(2024)苏0508民初1234号' })).toBe(`CDSEP1|case|${CASE}`);
    expect(formatPayload({ kind: 'doc', caseNumber: CASE, category: '起诉状' })).toBe(`CDSEP1|doc|${CASE}|起诉状`);
  });

  it('reads back both the QR text and the ASCII Code 128 text', () => {
    const doc = { kind: 'doc', caseNumber: CASE, category: '证据材料' } as const;
    expect(toAscii(doc)).toMatch(/^[\x20-\x7e]+$/);
    expect(toAscii({ kind: 'case', caseNumber: CASE })).toBe('CDSEP1|case|(2024)~82CF0508~6C11~521D1234~53F7');
    expect(parsePayload(formatPayload(doc))).toEqual(doc);
    expect(parsePayload(toAscii(doc))).toEqual(doc);
  });

  it('treats anyone else’s code, a newer version or a broken payload as no separator', () => {
    for (const text of [
      'https://www.court.gov.cn/zgcpwsw/verify?id=123',
      `CDSEP2|case|${CASE}`,
      'CDSEP1|case|（2024）苏0508民初1234',
      `CDSEP1|doc|${CASE}`,
      `CDSEP1|doc|${CASE}|`,
      `CDSEP1|doc|${CASE}|起诉状|多余`,
      `CDSEP1|box|${CASE}`,
      '分隔页',
    ]) {
      expect(parsePayload(text), text).toBeNull();
    }
  });

  it('refuses categories that could not be printed and read back', () => {
    expect(checkCategory(' 起诉状 ')).toBe('起诉状');
    for (const bad of ['', '   ', '起诉|状', '起诉\n状', '很'.repeat(21)]) {
      expect(() => checkCategory(bad)).toThrow(expect.objectContaining({ code: 'SEPARATOR_CATEGORY_INVALID' }) as CourtError);
    }
  });
});
