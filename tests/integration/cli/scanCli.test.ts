import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { saneTestConfig } from '../../helpers/saneConfig.js';
import { courtdesk } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const sane = saneTestConfig();
afterAll(() => rmSync(sane.dir, { recursive: true, force: true }));


describe('courtdesk devices and scan (SANE test device)', () => {
  it('lists devices as JSON with their capabilities', async () => {
    const r = await courtdesk(['--data-dir', tempDir(), 'devices', '--json'], sane.env);
    expect(r.code).toBe(0);
    const test = (JSON.parse(r.stdout) as { name: string; capabilities: { sources: object } }[]).find((d) => d.name === 'test:0');
    expect(test?.capabilities.sources).toHaveProperty('adf');
  });

  it('scans a whole feeder into a case and prints the promised JSON', async () => {
    const dir = tempDir();
    await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '（2024）苏0508民初21号'], sane.env);
    const r = await courtdesk(['--data-dir', dir, 'scan', '--case', '(2024)苏0508民初21号', '--device', 'test:0', '--source', 'adf', '--mode', 'gray', '--resolution', '100', '--no-orientation', '--json'], sane.env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { case: string; pages: { index: number; sha256: string; file: string; blank: boolean; skew: number }[]; errors: unknown[] };
    expect(json.case).toBe('（2024）苏0508民初21号');
    expect(json.pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(json.errors).toEqual([]);
    for (const p of json.pages) {
      expect(existsSync(p.file)).toBe(true);
      expect(Object.keys(p).sort()).toEqual(['blank', 'file', 'index', 'sha256', 'skew']);
    }
  });

  it('exits 2 for a source the scanner does not have, and 1 for a case that does not exist', async () => {
    const dir = tempDir();
    await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '（2024）苏0508民初22号'], sane.env);
    const bad = await courtdesk(['--data-dir', dir, 'scan', '--case', '（2024）苏0508民初22号', '--device', 'test:0', '--source', 'adf-duplex'], sane.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不支持');
    const noCase = await courtdesk(['--data-dir', dir, 'scan', '--case', '（2024）苏0508民初99号', '--device', 'test:0'], sane.env);
    expect(noCase.code).toBe(1);
  });
});
