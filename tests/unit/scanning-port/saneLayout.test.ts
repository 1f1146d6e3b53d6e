import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { OptionDescriptor, Parameters, Range } from '../../../native/sane/bindings.js';

const ptr = koffi.sizeof('void *');
const align = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Layouts from sane/sane.h (SANE 1.0, libsane-dev 1.2.1, natural C alignment): SANE_Word and
 * the enums are 32-bit ints, strings and the constraint union are pointers.
 */
describe('SANE structures as koffi lays them out match sane.h', () => {
  it('SANE_Option_Descriptor: three strings, five ints, then the constraint union of pointers', () => {
    expect(koffi.offsetof(OptionDescriptor, 'type')).toBe(3 * ptr);
    expect(koffi.offsetof(OptionDescriptor, 'constraint_type')).toBe(3 * ptr + 16);
    expect(koffi.offsetof(OptionDescriptor, 'constraint')).toBe(align(3 * ptr + 20, ptr));
    expect(koffi.sizeof(OptionDescriptor)).toBe(align(3 * ptr + 20, ptr) + ptr);
  });

  it('SANE_Parameters (format, last_frame, bytes_per_line, pixels_per_line, lines, depth) and SANE_Range', () => {
    expect(koffi.sizeof(Parameters)).toBe(24);
    expect(koffi.offsetof(Parameters, 'lines')).toBe(16);
    expect(koffi.sizeof(Range)).toBe(12);
  });
});
