import type { CustomScheme, WebPreferences } from 'electron';

/**
 * The renderer is served from app://courtdesk/ rather than file://: a real origin makes
 * 'self' in the CSP mean our bundle only (under file:// it would match any local file),
 * module scripts load without file-URL exceptions, and the sender and navigation checks
 * compare one scheme and host instead of file paths.
 */
export const appScheme = 'app';
export const appHost = 'courtdesk';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/**
 * The web host's policy (hosts/web/securityHeaders.ts) minus its WebSocket origins: antd's
 * CSS-in-JS injects <style> tags, hence 'unsafe-inline' for styles only; page thumbnails arrive
 * as data: and blob: URLs. Keep the two in step.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Every window of the app is built with exactly these preferences. */
export function secureWebPreferences(preload: string, opts: { devTools: boolean }): WebPreferences {
  return {
    preload,
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
    devTools: opts.devTools,
  };
}

/** True for URLs of our own renderer (app://courtdesk/…); Node's URL reports no origin for custom schemes. */
export function isAppUrl(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && parsed.protocol === `${appScheme}:` && parsed.host === appHost && !parsed.username && !parsed.password;
}

/** Links the user may open in the system browser: plain https with a host name, no credentials. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password;
}
