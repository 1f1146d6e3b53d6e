import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCourtCore } from '../../../core/app/courtCore.js';
import { bridgeEventChannel } from '../../../core/contract/bridge.js';
import { createIpcRouter } from '../../../electron/main/ipcRouter.js';
import { serveRendererFile } from '../../../electron/main/rendererFiles.js';
import { appEntryUrl } from '../../../electron/main/security.js';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ORIGIN = 'http://courtdesk.invalid';
const CASE_NUMBER = '（2025）京0105民初88号';

/**
 * Runs dist/electron/preload.cjs as Electron's sandbox would: `require` knows only 'electron',
 * `process` has only `platform`. contextBridge and ipcRenderer are thin stand-ins whose calls go
 * to the Node side through page.exposeFunction; everything else is the real bundle.
 */
function sandboxedPreload(source: string): string {
  return `(() => {
  const listeners = new Set();
  const ipcRenderer = {
    invoke: (channel, input) => window.__courtdeskIpcInvoke(channel, input),
    on: (channel, listener) => { if (channel === ${JSON.stringify(bridgeEventChannel)}) listeners.add(listener); },
    removeListener: (channel, listener) => { listeners.delete(listener); },
  };
  window.__courtdeskIpcEmit = (message) => { for (const l of listeners) l({}, message); };
  const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api }) };
  const require = (id) => { if (id === 'electron') return { contextBridge, ipcRenderer }; throw new Error('a sandboxed preload cannot require ' + id); };
  const module = { exports: {} };
  (function (require, module, exports, process) {\n${source}\n})(require, module, module.exports, { platform: 'linux' });
})();`;
}

test('the renderer runs under the Electron CSP and reaches the core only through the preload bridge', async ({ page }) => {
  const preloadFile = join(root, 'dist', 'electron', 'preload.cjs');
  const rendererDir = join(root, 'dist', 'renderer');
  for (const built of [preloadFile, join(rendererDir, 'index.html')]) {
    expect(existsSync(built), `${built} 不存在：请先运行 npm run build`).toBe(true);
  }
  const home = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-home-'));
  const core = openCourtCore({ dataDir: home, host: 'electron', version: 'e2e' });
  try {
    const password = (await core.ensureInitialAdmin())!;
    const router = createIpcRouter(core);
    const calls: string[] = [];
    router.connect(1, (message) => void page.evaluate((m) => (globalThis as unknown as { __courtdeskIpcEmit(m: unknown): void }).__courtdeskIpcEmit(m), message).catch(() => undefined));
    await page.exposeFunction('__courtdeskIpcInvoke', (channel: string, input: unknown) => {
      calls.push(channel);
      return router.call({ webContentsId: 1, frameUrl: appEntryUrl, isMainFrame: true }, channel, input);
    });
    // The app:// handler's own code answers every request, CSP header included.
    await page.route(`${ORIGIN}/**`, async (route) => {
      const request = route.request();
      const res = await serveRendererFile(rendererDir, { url: `app://courtdesk${new URL(request.url()).pathname}`, method: request.method() });
      await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
    });
    await page.addInitScript({ content: sandboxedPreload(readFileSync(preloadFile, 'utf8')) });
    const pageErrors = collectPageErrors(page);

    await page.goto(`${ORIGIN}/index.html`);
    await signInAsAdmin(page, password);
    await createCaseInForm(page, { number: CASE_NUMBER, title: '民间借贷纠纷', party: '张三' });
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(CASE_NUMBER);

    // The case is in the store, and every call travelled over an allowlisted channel.
    expect((await core.impl.cases.list({ limit: 10 }, { session: null })).map((c) => c.number)).toEqual([CASE_NUMBER]);
    expect(calls).toContain('auth.login');
    expect(calls).toContain('cases.create');
    // No CSP violation (Chromium reports them as console errors) and no uncaught error.
    expect(pageErrors).toEqual([]);
  } finally {
    core.close();
    rmSync(home, { recursive: true, force: true });
  }
});
