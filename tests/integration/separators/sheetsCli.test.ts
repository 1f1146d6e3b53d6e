import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courtdesk } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

describe('courtdesk sheets', () => {
  it('prints a cover sheet per case and a separator per category, and refuses bad input with exit 2', async () => {
    const dir = tempDir();
    const out = join(dir, 'sheets.pdf');
    await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '（2024）苏0508民初31号', '--title', '民间借贷纠纷']);
    const ok = await courtdesk(['--data-dir', dir, 'sheets', '--case', '(2024)苏0508民初31号', '--category', '起诉状', '--category', '答辩状', '--out', out, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ file: out, pages: 3, cases: ['（2024）苏0508民初31号'] });
    expect(execFileSync('pdfinfo', [out]).toString()).toMatch(/Pages:\s+3\n/);

    const badCategory = await courtdesk(['--data-dir', dir, 'sheets', '--case', '（2024）苏0508民初31号', '--category', '起诉|状', '--out', join(dir, 'x.pdf')]);
    expect(badCategory.code).toBe(2);
    expect(badCategory.stderr).toContain('类别');
    const badNumber = await courtdesk(['--data-dir', dir, 'sheets', '--case', '2024苏0508民初31', '--out', join(dir, 'y.pdf')]);
    expect(badNumber.code).toBe(2);
    expect(existsSync(join(dir, 'x.pdf')) || existsSync(join(dir, 'y.pdf'))).toBe(false);
  });
});
