import { describe, expect, it } from 'vitest';
import { characterErrorRate } from '../../../core/ocr/cer.js';

describe('characterErrorRate', () => {
  it('is zero for equal text, ignoring whitespace and line breaks', () => {
    expect(characterErrorRate('繁體 中 文 測試', '繁體中文測試')).toBe(0);
    expect(characterErrorRate('原告张三\n被告李四', '原告张三被告李四\n')).toBe(0);
  });

  it('counts substitutions, insertions and deletions per reference character', () => {
    expect(characterErrorRate('原告张三', '原告张山')).toBe(0.25);
    expect(characterErrorRate('原告张三', '原告张三丰')).toBe(0.25);
    expect(characterErrorRate('原告张三', '告张三')).toBe(0.25);
    expect(characterErrorRate('原告：张三', '原告:张三')).toBe(0.2);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(characterErrorRate('𠀀中', '中')).toBe(0.5);
  });

  it('handles empty references', () => {
    expect(characterErrorRate('', '')).toBe(0);
    expect(characterErrorRate(' ', 'x')).toBe(1);
  });
});
