import { describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { ValueType } from '../../../native/sane/bindings.js';
import { encodeValue, type SaneOption } from '../../../native/sane/options.js';

const option = (o: Partial<SaneOption>): SaneOption => ({ index: 1, name: 'x', title: 'x', type: ValueType.INT, unit: 0, size: 4, cap: 5, constraint: null, ...o });
const words = (buf: Buffer) => Array.from({ length: buf.length / 4 }, (_, i) => buf.readInt32LE(i * 4));

function refusal(fn: () => unknown): CourtError {
  try {
    fn();
  } catch (err) {
    return err as CourtError;
  }
  throw new Error('expected a refusal');
}

describe('option values in the bytes sane_control_option expects', () => {
  it('SANE_Fixed is 16.16: 300 dpi is 300 × 65536, 0.5 mm is 32768', () => {
    expect(words(encodeValue(option({ type: ValueType.FIXED }), 300))).toEqual([300 * 65536]);
    expect(words(encodeValue(option({ type: ValueType.FIXED }), '0.5'))).toEqual([32768]);
    expect(words(encodeValue(option({ type: ValueType.FIXED }), '-42.17'))).toEqual([Math.round(-42.17 * 65536)]);
  });

  it('a typed fixed value finds its entry in a word list although 16.16 cannot hold it exactly', () => {
    const listed = option({ type: ValueType.FIXED, constraint: { kind: 'words', values: [792985 / 65536, 42] } });
    expect(words(encodeValue(listed, '12.1'))).toEqual([792985]);
    expect(refusal(() => encodeValue(listed, '12.2')).code).toBe('SCANNER_UNSUPPORTED_SETTING');
  });

  it('ints, arrays and booleans', () => {
    expect(words(encodeValue(option({}), '-7'))).toEqual([-7]);
    expect(words(encodeValue(option({ size: 12 }), '1, 2,3'))).toEqual([1, 2, 3]);
    expect(words(encodeValue(option({ type: ValueType.BOOL }), 'yes'))).toEqual([1]);
    expect(words(encodeValue(option({ type: ValueType.BOOL }), 'off'))).toEqual([0]);
    expect(refusal(() => encodeValue(option({ size: 12 }), '1,2')).message).toContain('3 个');
    expect(refusal(() => encodeValue(option({ type: ValueType.BOOL }), 'maybe')).message).toContain('yes');
    expect(refusal(() => encodeValue(option({}), 'NaN')).message).toContain('数字');
    expect(refusal(() => encodeValue(option({ constraint: { kind: 'range', min: 4, max: 192, quant: 2 } }), '200')).message).toContain('4–192');
  });

  it('strings are NUL-terminated within the option’s size and must be one of a string list', () => {
    const buf = encodeValue(option({ type: ValueType.STRING, size: 8 }), 'Gray');
    expect(buf.length).toBe(8);
    expect(buf.subarray(0, 5)).toEqual(Buffer.from('Gray\0'));
    expect(refusal(() => encodeValue(option({ type: ValueType.STRING, size: 8 }), '12345678')).message).toContain('7 字节');
    const list = option({ type: ValueType.STRING, size: 32, constraint: { kind: 'strings', values: ['Flatbed', 'ADF Duplex'] } });
    const err = refusal(() => encodeValue(list, 'ADF'));
    expect([err.code, err.message]).toEqual(['SCANNER_UNSUPPORTED_SETTING', expect.stringContaining('Flatbed、ADF Duplex')]);
  });
});
