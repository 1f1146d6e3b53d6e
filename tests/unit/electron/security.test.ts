import { describe, expect, it } from 'vitest';
import { appEntryUrl, appSchemePrivileges, contentSecurityPolicy, isAppUrl, isSafeExternalUrl, secureWebPreferences } from '../../../electron/main/security.js';
import type { ServerResponse } from 'node:http';
import { setSecurityHeaders } from '../../../hosts/web/securityHeaders.js';
import { passwordDelivery, initialPasswordMessage, e2ePasswordFileVariable } from '../../../electron/main/initialPassword.js';

describe('the window’s web preferences', () => {
  it('isolate the page from Node and Electron', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(prefs).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('register app:// as a secure standard scheme without bypassing the CSP', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
    expect(appSchemePrivileges.privileges?.bypassCSP).toBeUndefined();
  });
});

describe('the content security policy', () => {
  const directives = new Map(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only our own origin, inline styles for antd, and data:/blob: images', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is the web host’s policy without its WebSocket origins', () => {
    const headers = new Map<string, string>();
    setSecurityHeaders({ setHeader: (name: string, value: string) => headers.set(name, value) } as unknown as ServerResponse, '127.0.0.1:8080');
    const web = headers.get('Content-Security-Policy')!.replace(' ws://127.0.0.1:8080 wss://127.0.0.1:8080', '');
    expect(contentSecurityPolicy).toBe(web);
  });

  it('names no remote origin and never allows eval or inline script', () => {
    expect(contentSecurityPolicy).not.toMatch(/https?:|wss?:|\*|unsafe-eval/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('URL checks', () => {
  it('recognise only our renderer as the app', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
    expect(isAppUrl('app://courtdesk/assets/index-abc.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'file:///app/dist/renderer/index.html', 'https://courtdesk/index.html', 'app://user:pw@courtdesk/', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('open only plain https links in the system browser', () => {
    expect(isSafeExternalUrl('https://www.court.gov.cn/fabu/xiangqing/1.html')).toBe(true);
    for (const url of ['http://www.court.gov.cn/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://fileserver/share', 'https://user:pw@example.com/', 'app://courtdesk/', '']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('the first administrator’s password', () => {
  it('goes to the dialog in a packaged build even when the test variable is set', () => {
    expect(passwordDelivery({ isPackaged: true, env: { [e2ePasswordFileVariable]: '/tmp/pw' } })).toEqual({ kind: 'dialog' });
    expect(passwordDelivery({ isPackaged: false, env: {} })).toEqual({ kind: 'dialog' });
    expect(passwordDelivery({ isPackaged: false, env: { [e2ePasswordFileVariable]: '/tmp/pw' } })).toEqual({ kind: 'file', path: '/tmp/pw' });
  });

  it('is announced in Chinese with the instruction to change it', () => {
    expect(initialPasswordMessage('Abc123xyz0Abc123')).toBe('首次启动已创建管理员账号 admin，初始密码：Abc123xyz0Abc123，请登录后立即修改');
  });
});
