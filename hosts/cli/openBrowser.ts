import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Output } from './output.js';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/xdg-open'];

/** Opens the URL in the system's browser when there is a display; otherwise the printed URL is the way in. */
export function openBrowser(url: string, out: Output): void {
  const browser = candidates.find((c) => existsSync(c));
  if (!browser || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)) {
    out.info(`未检测到图形界面，请在浏览器中打开：${url}`);
    return;
  }
  const args = browser.endsWith('xdg-open') ? [url] : [`--app=${url}`, '--no-first-run'];
  spawn(browser, args, { detached: true, stdio: 'ignore' }).unref();
}
