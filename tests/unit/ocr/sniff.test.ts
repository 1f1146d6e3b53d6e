import { describe, expect, it } from 'vitest';
import { sniffInput } from '../../../native/tesseract/sniff.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffInput', () => {
  it.each([
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a])],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['tiff', bytes('II*', [0])],
    ['tiff', bytes('MM', [0], '*')],
    ['bmp', bytes('BM')],
    ['gif', bytes('GIF89a')],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBP')],
    ['pnm', bytes('P5\n')],
    ['pdf', bytes('%PDF-1.7')],
  ])('recognises %s', (kind, head) => {
    expect(sniffInput(head)).toBe(kind);
  });

  it('refuses text, which tesseract would read as a list of image paths', () => {
    expect(sniffInput(bytes('/etc/passwd\n'))).toBeNull();
    expect(sniffInput(bytes(''))).toBeNull();
    expect(sniffInput(bytes('Produce'))).toBeNull();
  });
});
