import type { Session } from 'electron';
import { serveRendererFile } from './rendererFiles.js';
import { appScheme, contentSecurityPolicy } from './security.js';

/**
 * Serves the renderer on app:// and makes the session refuse what the workstation never needs:
 * every permission (camera, notifications, clipboard read, …) and any page without our CSP.
 */
export function hardenSession(ses: Session, rendererDir: string): void {
  ses.protocol.handle(appScheme, (request) => serveRendererFile(rendererDir, request));
  // The protocol handler already sends the CSP; this covers any response that did not come from it.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
