import { BrowserWindow, shell, type WebContents } from 'electron';
import { appEntryUrl, isAppUrl, isSafeExternalUrl, secureWebPreferences } from './security.js';

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/**
 * The one window factory: hardened preferences, no navigation away from app://, no new windows
 * (https links go to the system browser), no <webview>. `beforeLoad` runs before the page can
 * make its first call, so IPC trusts the window from its first script on.
 */
export async function createMainWindow(opts: {
  preload: string;
  devTools: boolean;
  icon?: string;
  beforeLoad(contents: WebContents): void;
}): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    title: 'CourtDesk 法院卷宗工作站',
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    icon: opts.icon,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools }),
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  opts.beforeLoad(contents);
  await window.loadURL(appEntryUrl);
  return window;
}
