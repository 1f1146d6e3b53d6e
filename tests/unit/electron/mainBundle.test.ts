import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeEventChannel } from '../../../core/contract/bridge.js';
import { channels, type Envelope, type Job } from '../../../core/contract/index.js';
import { saneTestConfig } from '../../helpers/saneConfig.js';
import { appEntryUrl, appSchemePrivileges, contentSecurityPolicy, secureWebPreferences } from '../../../electron/main/security.js';
import { createFakeElectron, FakeEvent } from './support/fakeElectron.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Runs the real dist/electron/main.cjs, built by the real build script, with the real core on a
 * temp store; only the Electron module is a stand-in (there is no Electron binary here; its utility
 * processes are Node children running the real utility host). Proves the bundle loads, wires the
 * lifecycle, the window and IPC as designed, scans through libsane in a utility process, exports in
 * its bundled worker, and closes the store on quit.
 */
describe('the bundled main process on a stand-in for Electron', () => {
  const made: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtdesk-electron-'));
    made.push(dir);
    return dir;
  };
  const savedEnv = { ...process.env };
  let appPath: string;
  let home: string;
  let passwordFile: string;
  let fake: ReturnType<typeof createFakeElectron>;
  let electronModule: string;

  beforeAll(async () => {
    appPath = temp();
    home = temp();
    passwordFile = join(temp(), 'admin-password');
    // The app's layout as electron-builder.yml packs it: node_modules and resources beside dist.
    symlinkSync(join(root, 'node_modules'), join(appPath, 'node_modules'), 'dir');
    symlinkSync(join(root, 'resources'), join(appPath, 'resources'), 'dir');
    execFileSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', join(appPath, 'dist', 'electron')], { cwd: root, stdio: 'pipe' });
    mkdirSync(join(appPath, 'dist', 'renderer'));
    writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>CourtDesk</title>');

    process.env.COURTDESK_HOME = home;
    process.env.SANE_CONFIG_DIR = saneTestConfig(temp()).dir;
    process.env.COURTDESK_E2E_ADMIN_PASSWORD_FILE = passwordFile;
    fake = createFakeElectron({ appPath, userData: join(appPath, 'userData') });
    electronModule = require.resolve('electron');
    require.cache[electronModule] = { id: electronModule, filename: electronModule, loaded: true, exports: fake.electron } as NodeJS.Module;
    require(join(appPath, 'dist', 'electron', 'main.cjs'));
    await vi.waitFor(() => expect(existsSync(passwordFile)).toBe(true), { timeout: 30_000, interval: 50 });
  });

  afterAll(() => {
    delete require.cache[electronModule];
    delete require.cache[join(appPath, 'dist', 'electron', 'main.cjs')];
    process.env = savedEnv;
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('builds a preload that requires nothing but electron', () => {
    const preload = readFileSync(join(appPath, 'dist', 'electron', 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/zod|ZodError/);
  });

  it('registers app:// before start-up and one IPC handler per contract channel', () => {
    expect(fake.calls.privilegedSchemes).toEqual([appSchemePrivileges]);
    expect([...fake.handlers.keys()].sort()).toEqual([...channels].sort());
    expect(fake.calls.errorBoxes).toEqual([]);
  });

  it('opens one hardened window on app://courtdesk/index.html', () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window.options.webPreferences).toEqual(secureWebPreferences(join(appPath, 'dist', 'electron', 'preload.cjs'), { devTools: true }));
    expect(window.loadedUrl).toBe(appEntryUrl);
    expect(window.visible).toBe(true);
  });

  it('serves the renderer with the CSP, and stamps the CSP on any other response', async () => {
    const page = await fake.protocolHandlers.get('app')!({ url: appEntryUrl, method: 'GET' });
    expect(await page.text()).toContain('<title>CourtDesk</title>');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    let answer: unknown;
    fake.headersListener()!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Frame-Options': ['DENY'] } }, (r) => (answer = r));
    expect(answer).toEqual({ responseHeaders: { 'X-Frame-Options': ['DENY'], 'Content-Security-Policy': [contentSecurityPolicy] } });
  });

  it('denies permissions, new windows, webviews and navigation away from the app', () => {
    let granted: boolean | undefined;
    fake.permissions.request!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.permissions.check!()).toBe(false);

    const contents = fake.windows[0].webContents;
    expect(contents.windowOpenHandler!({ url: 'https://www.court.gov.cn/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.calls.openedExternally).toEqual(['https://www.court.gov.cn/']);

    const away = new FakeEvent('http://evil.example/');
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const inside = new FakeEvent('app://courtdesk/cases');
    contents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    const redirect = new FakeEvent('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('creates the first administrator in COURTDESK_HOME and hands over the password without a dialog', async () => {
    expect(existsSync(join(home, 'courtdesk.sqlite'))).toBe(true);
    expect(readFileSync(passwordFile, 'utf8')).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(fake.calls.messageBoxes).toEqual([]);
    expect(await fake.invoke('app.info', {})).toEqual({ ok: true, value: { version: '0.1.0', host: 'electron' } });
  });

  it('signs in, creates a case, pushes the change to the window and lists it', async () => {
    const password = readFileSync(passwordFile, 'utf8');
    expect(await fake.invoke('auth.login', { username: 'admin', password })).toMatchObject({ ok: true });
    const number = '（2025）京0105民初88号';
    expect(await fake.invoke('cases.create', { number, title: '测试案件' })).toMatchObject({ ok: true, value: { number } });
    expect(fake.windows[0].webContents.sent).toContainEqual({ channel: bridgeEventChannel, message: { event: 'cases.changed', payload: { number } } });
    const listed = (await fake.invoke('cases.list', {})) as Envelope<{ number: string }[]>;
    expect(listed.ok && listed.value.map((c) => c.number)).toEqual([number]);
  });

  it('scans the SANE test feeder through the driver in a utility process, and exports the pages in the bundled worker', async () => {
    const number = '（2025）京0105民初88号';
    const events = () => fake.windows[0].webContents.sent.map((s) => s.message as { event: string; payload: Record<string, unknown> });
    const devices = (await fake.invoke('scanning.devices', {})) as Envelope<{ name: string }[]>;
    expect(devices.ok && devices.value.map((d) => d.name)).toContain('test:0');
    const started = await fake.invoke('scanning.start', { case: number, device: 'test:0', settings: { source: 'adf', mode: 'gray', resolution: 75 }, orientation: false });
    expect(started).toMatchObject({ ok: true });
    const last = (event: string, id?: string) => events().filter((e) => e.event === event && (id === undefined || e.payload.id === id)).at(-1)?.payload;
    await vi.waitFor(() => expect(last('scan.state')).toMatchObject({ status: 'completed', pages: 10 }), {
      timeout: 60_000,
      interval: 100,
    });

    const exported = (await fake.invoke('dossier.export', { number })) as Envelope<Job>;
    expect(exported.ok).toBe(true);
    const jobId = exported.ok ? exported.value.id : '';
    await vi.waitFor(() => expect(last('job.state', jobId)).toMatchObject({ state: 'done', result: { pages: 10 } }), {
      timeout: 60_000,
      interval: 100,
    });

    // The signing key is kept encrypted by the OS key store; only the public key is in the clear, and 校验 uses it.
    const keys = readdirSync(join(home, 'keys'));
    expect(keys.filter((f) => f.endsWith('.note-key.enc'))).toHaveLength(1);
    expect(keys.filter((f) => f.endsWith('.note-key'))).toEqual([]);
    const sealed = readFileSync(join(home, 'keys', keys.find((f) => f.endsWith('.enc'))!));
    expect(sealed.includes('PRIVATE+KEY')).toBe(false);
    expect(readFileSync(join(home, 'keys', keys.find((f) => f.endsWith('.vkey'))!), 'utf8')).toMatch(/^courtdesk-[0-9a-f]{8}\+[0-9a-f]{8}\+/);
    expect(await fake.invoke('dossier.verify', { number })).toMatchObject({ ok: true, value: { status: 'intact' } });
  }, 150_000);

  it('refuses a call from a frame that is not the app', async () => {
    const reply = (await fake.invoke('cases.list', {}, { url: 'https://evil.example/', parent: null })) as Envelope<unknown>;
    expect(reply.ok ? null : reply.error.code).toBe('FORBIDDEN');
    const sub = (await fake.invoke('cases.list', {}, { url: appEntryUrl, parent: {} })) as Envelope<unknown>;
    expect(sub.ok ? null : sub.error.code).toBe('FORBIDDEN');
  });

  it('drops the window’s session when it is destroyed, and closes the store on quit', async () => {
    const contents = fake.windows[0].webContents;
    contents.destroyed = true;
    contents.emit('destroyed');
    const after = (await fake.invoke('cases.list', {})) as Envelope<unknown>;
    expect(after.ok ? null : after.error.code).toBe('FORBIDDEN');

    expect(existsSync(join(home, 'courtdesk.sqlite-wal'))).toBe(true);
    // The first quit is held until the scanner driver and the OCR workers have stopped, then quits again.
    fake.app.emit('window-all-closed');
    // SQLite folds the WAL back into the database and removes it when the last connection closes.
    await vi.waitFor(() => expect(existsSync(join(home, 'courtdesk.sqlite-wal'))).toBe(false), { timeout: 30_000, interval: 50 });
    expect(fake.calls.quit).toBe(2);
  });
});
