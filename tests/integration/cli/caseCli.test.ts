import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courtdesk } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();


describe('courtdesk CLI', () => {
  it('lists its commands', async () => {
    const r = await courtdesk(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['case', 'user', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it('creates a case, then lists and shows it as JSON', async () => {
    const dir = tempDir();
    const created = await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '(2024)苏0508民初1号', '--title', '民间借贷纠纷', '--party', '原告:张三']);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('（2024）苏0508民初1号');
    const list = await courtdesk(['--data-dir', dir, 'case', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ number: '（2024）苏0508民初1号', title: '民间借贷纠纷', parties: [{ role: '原告', name: '张三' }] }]);
    const show = await courtdesk(['--data-dir', dir, 'case', 'show', '(2024)苏0508民初1号', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ number: '（2024）苏0508民初1号', year: 2024, courtCode: '苏0508', typeCode: '民初', sequence: 1 });
  });

  it('takes the data directory from COURTDESK_HOME', async () => {
    const dir = tempDir();
    await courtdesk(['case', 'create', '--number', '（2024）京01民终7号'], { COURTDESK_HOME: dir });
    const list = await courtdesk(['--data-dir', dir, 'case', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
  });

  it('exits 2 on a bad 案号 with one Chinese + English line, and writes nothing', async () => {
    const dir = join(tempDir(), 'fresh');
    const r = await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '2024民初1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/案号格式无效.*Invalid case number/);
    expect(existsSync(dir)).toBe(false);
  });

  it('exits 2 on usage errors and 1 on failures', async () => {
    const dir = tempDir();
    expect((await courtdesk(['--data-dir', dir, 'no-such-command'])).code).toBe(2);
    expect((await courtdesk(['--data-dir', dir, 'case', 'create'])).code).toBe(2);
    await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '（2024）苏0508民初3号']);
    const dup = await courtdesk(['--data-dir', dir, 'case', 'create', '--number', '(2024)苏0508民初3号']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('该案号已存在');
    const missing = await courtdesk(['--data-dir', dir, 'case', 'show', '（2024）苏0508民初4号', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
  });

  it('adds users with roles; the password comes from the environment, never the command line', async () => {
    const dir = tempDir();
    const r = await courtdesk(['--data-dir', dir, 'user', 'add', '--username', 'scan01', '--name', '王扫描', '--role', 'scanner', '--password-env', 'PW', '--json'], { PW: 'scanner-pass-1' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'scan01', displayName: '王扫描', roles: ['scanner'] });
    const bad = await courtdesk(['--data-dir', dir, 'user', 'add', '--username', 'x1', '--role', 'wizard', '--password-env', 'PW'], { PW: 'whatever-1' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('未知角色');
  });
});
