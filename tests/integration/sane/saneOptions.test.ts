import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createIsolatedScanner } from '../../../native/scanning/isolatedScanner.js';
import { saneTestConfig } from '../../../scripts/sane-test-config.js';
import { collect, failure } from './scanResults.js';

const config = saneTestConfig();
const scanner = createIsolatedScanner({ env: config.env });
afterAll(async () => {
  await scanner.close();
  rmSync(config.dir, { recursive: true, force: true });
});

describe('SANE options and frames, against the real test backend', () => {
  it('reads the options again when the backend says they changed (SANE_INFO_RELOAD_OPTIONS)', async () => {
    // The int/fixed/string test options are inactive until enable-test-options is set; that set asks for a reload.
    const caps = await scanner.capabilities('test:0');
    expect(caps.options.find((o) => o.name === 'int-inexact')?.active).toBe(false);
    const pages = await collect(
      scanner.scan('test:0', {
        resolution: 25,
        options: { 'enable-test-options': 'yes', 'int-inexact': '7', 'fixed-constraint-word-list': '12.1', 'string-constraint-string-list': 'Second entry', 'int-constraint-array': '1,2,3,4,5,6' },
      }),
    );
    expect(pages).toHaveLength(1);
  });

  it('checks values against the option’s type and constraint before the backend sees them', async () => {
    const withTests = { 'enable-test-options': 'yes' };
    const cases: [Record<string, string>, string][] = [
      [{ 'int-constraint-range': '500' }, '4–192'],
      [{ 'int-constraint-word-list': '5' }, '-42'],
      [{ 'int-constraint-array': '1,2' }, '6'],
      [{ 'hand-scanner': 'maybe' }, 'yes'],
      [{ resolution: 'high' }, '数字'],
      [{ string: 'x'.repeat(200) }, '字节'],
    ];
    for (const [options, hint] of cases) {
      const { error } = await failure(scanner.scan('test:0', { options: { ...withTests, ...options } }));
      expect([error.code, error.message]).toEqual(['SCANNER_UNSUPPORTED_SETTING', expect.stringContaining(hint)]);
    }
  });

  it('grows the page until EOF when the height is unknown (lines == -1, a hand scanner)', async () => {
    const [page] = await collect(scanner.scan('test:0', { resolution: 100, options: { 'hand-scanner': 'yes' } }));
    // The test device's hand-scanner mode is 11 cm wide.
    expect(page.width).toBe(433);
    expect(page.height).toBeGreaterThan(0);
    expect(page.data.length).toBe(page.bytesPerLine * page.height);
  });

  it('turns 16-bit samples into the 8-bit page the pipeline stores', async () => {
    // The grid is black and white at any depth (0x0000 / 0xffff at 16 bits).
    const settings = { mode: 'gray' as const, resolution: 50, options: { 'test-picture': 'Grid' } };
    const [eight] = await collect(scanner.scan('test:0', settings));
    const [sixteen] = await collect(scanner.scan('test:0', { ...settings, options: { ...settings.options, depth: '16' } }));
    expect(sixteen).toMatchObject({ depth: 8, width: eight.width, height: eight.height, bytesPerLine: eight.bytesPerLine });
    expect(sixteen.data.equals(eight.data)).toBe(true);
  });

  it('keeps each batch’s settings to itself', async () => {
    await collect(scanner.scan('test:0', { mode: 'color', resolution: 40, options: { 'test-picture': 'Solid black' } }));
    const [page] = await collect(scanner.scan('test:0', { resolution: 40, options: {} }));
    // The device's own defaults again: gray, and the configured colour pattern (not solid black).
    expect(page.channels).toBe(1);
    expect(page.data.some((v) => v !== 0)).toBe(true);
  });
});
