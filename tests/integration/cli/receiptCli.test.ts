import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { storeFile } from '../../../core/config/dataDir.js';
import { openDatabase } from '../../../core/store/database.js';
import { courtdesk } from '../../helpers/cli.js';
import { renderTextPage } from '../../helpers/pageImages.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const CASE = '（2024）苏0508民初3201号';

describe('courtdesk import --after and courtdesk receipt', () => {
  it('puts an imported file in front of the case, then prints the 收件回执 listing both files', async () => {
    const dir = tempDir();
    const complaint = join(dir, '起诉状.jpg');
    const evidence = join(dir, 'evidence.png');
    await sharp((await renderTextPage(['民事起诉状', '原告张三，被告李四。'])).jpeg).toFile(complaint);
    await sharp((await renderTextPage(['证据目录', '借条一份。'])).jpeg).png().toFile(evidence);
    expect((await courtdesk(['--data-dir', dir, 'case', 'create', '--number', CASE, '--title', '民间借贷纠纷', '--party', '原告:张三'])).code).toBe(0);
    expect((await courtdesk(['--data-dir', dir, 'import', '--case', CASE, evidence])).code).toBe(0);
    const inFront = await courtdesk(['--data-dir', dir, 'import', '--case', CASE, '--after', '0', complaint, '--json']);
    expect(inFront.code).toBe(0);
    expect((JSON.parse(inFront.stdout) as { pages: { index: number }[] }).pages.map((p) => p.index)).toEqual([1]);

    const db = openDatabase(storeFile(dir));
    const order = db
      .prepare("SELECT p.position, json_extract(b.settings_json, '$.file') AS file FROM pages p JOIN capture_batches b ON b.id = p.batch_id ORDER BY p.position")
      .all();
    db.close();
    expect(order).toEqual([
      { position: 1, file: '起诉状.jpg' },
      { position: 2, file: 'evidence.png' },
    ]);

    const out = join(dir, 'receipt.pdf');
    const printed = await courtdesk(['--data-dir', dir, 'receipt', '--case', CASE, '--out', out, '--json']);
    expect(printed.code).toBe(0);
    const json = JSON.parse(printed.stdout) as { case: string; number: string; pages: number; file: string; again: boolean };
    expect(json).toMatchObject({ case: CASE, pages: 2, file: out, again: false });
    expect(json.number).toMatch(/^SJ\d{8}-000001$/);
    expect(execFileSync('qpdf', ['--check', out], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
    for (const expected of ['收件回执', CASE, '原告：张三', '电子材料导入（evidence.png）', '电子材料导入（起诉状.jpg）', '合计：共收到材料 2 页', json.number]) expect(text).toContain(expected);

    const again = await courtdesk(['--data-dir', dir, 'receipt', '--case', CASE, '--out', join(dir, 'again.pdf'), '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ number: json.number, again: true });
  });

  it('refuses a case that received nothing, and a bad --after, naming what to do', async () => {
    const dir = tempDir();
    await courtdesk(['--data-dir', dir, 'case', 'create', '--number', CASE]);
    const empty = await courtdesk(['--data-dir', dir, 'receipt', '--case', CASE, '--out', join(dir, 'r.pdf')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('请先扫描或导入材料');
    const bad = await courtdesk(['--data-dir', dir, 'import', '--case', CASE, '--after', '-1', join(dir, 'x.png')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--after');
  });
});
