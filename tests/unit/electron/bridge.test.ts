import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { bridgeEventChannel, type ChannelName } from '../../../core/contract/bridge.js';
import type { Envelope } from '../../../core/contract/index.js';
import { createIpcRouter, type SenderInfo } from '../../../electron/main/ipcRouter.js';
import { appEntryUrl } from '../../../electron/main/security.js';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const window1: SenderInfo = { webContentsId: 1, frameUrl: appEntryUrl, isMainFrame: true };

/**
 * Preload and main joined the way Electron joins them, with the real core behind: the stand-in
 * for ipcRenderer hands every call to the main process's router as if it came from `sender`.
 */
async function desktop(sender: SenderInfo = window1) {
  const core: CourtCore = openCourtCore({ dataDir: tempDir(), host: 'electron', version: 'test' });
  const password = (await core.ensureInitialAdmin())!;
  const router = createIpcRouter(core);
  const renderer = new EventEmitter();
  const reachedMain: string[] = [];
  const ipc: IpcRendererLike = {
    invoke: (channel, input) => {
      reachedMain.push(channel);
      return router.call(sender, channel, input);
    },
    on: (channel, listener) => renderer.on(channel, listener),
    removeListener: (channel, listener) => renderer.removeListener(channel, listener),
  };
  const disconnect = router.connect(window1.webContentsId, (message) => renderer.emit(bridgeEventChannel, { sender: 'ipc-event' }, message));
  return { core, password, router, bridge: createBridge(ipc, 'linux'), reachedMain, disconnect };
}

const code = (e: Envelope<unknown>) => (e.ok ? null : e.error.code);

describe('window.courtdesk over the real core', () => {
  it('refuses a channel outside the allowlist without reaching the main process', async () => {
    const { core, bridge, reachedMain } = await desktop();
    for (const channel of ['users.delete', 'constructor', '__proto__', 'app', 'app.info.x', 42]) {
      const reply = await bridge.invoke(channel as ChannelName, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: '未知的接口调用' } });
    }
    expect(reachedMain).toEqual([]);
    core.close();
  });

  it('signs in, creates a case and lists it', async () => {
    const { core, password, bridge, reachedMain } = await desktop();
    expect(await bridge.invoke('auth.login', { username: 'admin', password })).toMatchObject({ ok: true, value: { username: 'admin' } });
    const number = '（2024）苏0508民初1234号';
    expect(await bridge.invoke('cases.create', { number, title: '张三诉李四民间借贷纠纷' })).toMatchObject({ ok: true, value: { number } });
    const listed = await bridge.invoke('cases.list', {});
    expect(listed.ok && (listed.value as { number: string }[]).map((c) => c.number)).toEqual([number]);
    expect(reachedMain).toEqual(['auth.login', 'cases.create', 'cases.list']);
    core.close();
  });

  it('returns errors as envelopes the renderer can show', async () => {
    const { core, password, bridge } = await desktop();
    expect(code(await bridge.invoke('cases.list', {}))).toBe('NOT_AUTHENTICATED');
    const wrong = await bridge.invoke('auth.login', { username: 'admin', password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', message: '用户名或密码错误' } });
    await bridge.invoke('auth.login', { username: 'admin', password });
    const bad = await bridge.invoke('cases.create', { number: '不是案号' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_CASE_NUMBER', remedy: expect.stringContaining('案号应形如') } });
    core.close();
  });

  it('turns a failed IPC call into an INTERNAL envelope instead of a rejection', async () => {
    const bridge = createBridge(
      { invoke: () => Promise.reject(new Error('No handler registered')), on: () => undefined, removeListener: () => undefined },
      'win32',
    );
    expect(await bridge.invoke('app.info')).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { reason: 'No handler registered' } } });
  });

  it('delivers contract events to a signed-in window only, as bare payloads', async () => {
    const { core, password, bridge } = await desktop();
    const heard: unknown[] = [];
    const off = bridge.on('cases.changed', (payload) => heard.push(payload));
    core.events.emit('cases.changed', { number: '（2024）苏0508民初1号' });
    expect(heard).toEqual([]);
    await bridge.invoke('auth.login', { username: 'admin', password });
    await bridge.invoke('cases.create', { number: '（2024）苏0508民初2号' });
    core.events.emit('job.progress', { jobId: 'j1', kind: 'ocr', done: 1, total: 2, message: '识别中' });
    expect(heard).toEqual([{ number: '（2024）苏0508民初2号' }]);
    off();
    await bridge.invoke('cases.create', { number: '（2024）苏0508民初3号' });
    expect(heard).toHaveLength(1);
    expect(() => bridge.on('users.changed' as 'cases.changed', () => undefined)).toThrow(TypeError);
    core.close();
  });

  it('exposes the allowlist and platform, and cannot be altered by the page', async () => {
    const { core, bridge } = await desktop();
    expect(Object.keys(bridge).sort()).toEqual(['channels', 'invoke', 'on', 'platform']);
    expect(bridge.channels).toContain('cases.create');
    expect(bridge.platform).toBe('linux');
    expect(() => ((bridge as { invoke: unknown }).invoke = () => null)).toThrow(TypeError);
    expect(() => (bridge.channels as string[]).push('users.delete')).toThrow(TypeError);
    core.close();
  });
});

describe('the main-process side of IPC', () => {
  for (const [why, sender] of [
    ['a page from another origin', { ...window1, frameUrl: 'https://evil.example/index.html' }],
    ['a local file', { ...window1, frameUrl: 'file:///home/clerk/evil.html' }],
    ['a sub-frame of our page', { ...window1, isMainFrame: false }],
    ['a frame that is already gone', { ...window1, frameUrl: null }],
    ['a webContents that is not our window', { ...window1, webContentsId: 99 }],
  ] as const) {
    it(`refuses calls from ${why} before the core sees them`, async () => {
      const { core, password, bridge, router } = await desktop(sender);
      expect(code(await bridge.invoke('auth.login', { username: 'admin', password }))).toBe('FORBIDDEN');
      // The refused login left no session behind in the real window's context.
      expect(await router.call(window1, 'auth.whoami', {})).toEqual({ ok: true, value: null });
      core.close();
    });
  }

  it('keeps one session per window and forgets it when the window goes away', async () => {
    const { core, password, router, disconnect } = await desktop();
    const window2: SenderInfo = { ...window1, webContentsId: 2 };
    const disconnect2 = router.connect(2, () => undefined);
    await router.call(window1, 'auth.login', { username: 'admin', password });
    expect(await router.call(window1, 'auth.whoami', {})).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(await router.call(window2, 'auth.whoami', {})).toEqual({ ok: true, value: null });
    disconnect();
    expect(code(await router.call(window1, 'auth.whoami', {}))).toBe('FORBIDDEN');
    router.connect(1, () => undefined);
    expect(await router.call(window1, 'auth.whoami', {})).toEqual({ ok: true, value: null });
    disconnect2();
    core.close();
  });
});
