import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CourtdeskBridge } from '../../../core/contract/bridge.js';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CASE_NUMBER = '（2025）京0105民初88号';

/** Why no Electron can be launched here, or null when one can. */
function electronUnavailable(): string | null {
  let executable: unknown;
  try {
    executable = createRequire(import.meta.url)('electron');
  } catch (err) {
    return `require('electron') 失败：${err instanceof Error ? err.message : String(err)}（Electron 程序没有下载，例如安装时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1；可联网时运行 node node_modules/electron/install.js）`;
  }
  if (typeof executable !== 'string' || !existsSync(executable)) return `require('electron') 指向的程序不存在：${String(executable)}`;
  return null;
}

const unavailable = electronUnavailable();
test.skip(unavailable !== null, `Electron 二进制不可用：${unavailable}`);

test('the app starts from package.json "main" with one hardened window; admin signs in, creates a case and sees it listed', async () => {
  for (const built of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    expect(existsSync(join(root, built)), `${built} 不存在：请先运行 npm run build`).toBe(true);
  }
  const home = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-home-'));
  const secrets = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-secret-'));
  const passwordFile = join(secrets, 'admin-password');
  // '.' launches what package.json's "main" names, exactly as `npm start` does.
  const app = await electron.launch({
    args: [root],
    cwd: root,
    env: { ...process.env, COURTDESK_HOME: home, COURTDESK_E2E_ADMIN_PASSWORD_FILE: passwordFile },
  });
  // A start-up failure (say, better-sqlite3 built for Node instead of Electron) is printed here.
  app.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  try {
    const page = await app.firstWindow();
    const pageErrors = collectPageErrors(page);
    await expect.poll(() => existsSync(passwordFile), { message: '主进程没有写出初始管理员密码', timeout: 30_000 }).toBe(true);
    const password = readFileSync(passwordFile, 'utf8');
    expect(existsSync(join(home, 'courtdesk.sqlite'))).toBe(true);
    await expect(page).toHaveURL('app://courtdesk/index.html');

    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    // The page sees window.courtdesk (contextBridge works only with context isolation) and nothing
    // of Node or Electron; the exact webPreferences are asserted in tests/unit/electron/mainBundle.test.ts.
    const surface = await page.evaluate(async () => {
      const g = globalThis as unknown as Record<string, unknown> & { courtdesk: CourtdeskBridge };
      const refused = await g.courtdesk.invoke('users.delete' as 'users.list', {});
      return { keys: Object.keys(g.courtdesk).sort(), require: typeof g.require, process: typeof g.process, refused: refused.ok ? null : refused.error.code };
    });
    expect(surface).toEqual({ keys: ['channels', 'invoke', 'on', 'platform'], require: 'undefined', process: 'undefined', refused: 'UNKNOWN_CHANNEL' });

    // Sign in and create the case through the UI, as a clerk would.
    await signInAsAdmin(page, password);
    await createCaseInForm(page, { number: CASE_NUMBER, title: '民间借贷纠纷', party: '张三' });
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(CASE_NUMBER);

    // The same case through the bridge, so the list above is the store's, not the form's echo.
    const listed = await page.evaluate(async () => {
      const reply = await (globalThis as unknown as { courtdesk: CourtdeskBridge }).courtdesk.invoke('cases.list', {});
      return reply.ok ? (reply.value as { number: string }[]).map((c) => c.number) : reply.error.code;
    });
    expect(listed).toEqual([CASE_NUMBER]);

    // Navigation away from the app is refused; the window stays on app://.
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'http://example.invalid/';
    });
    await expect(page).toHaveURL(/^app:\/\/courtdesk\//);
    expect(pageErrors).toEqual([]);
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(secrets, { recursive: true, force: true });
  }
});
