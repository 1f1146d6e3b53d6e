import type { Session } from 'electron';
import type { DownloadTickets } from '../../core/jobs/downloadTickets.js';
import { isDownloadUrl, serveDownloadFile } from './downloadFiles.js';
import { serveRendererFile } from './rendererFiles.js';
import { appScheme, contentSecurityPolicy } from './security.js';

/**
 * Serves the renderer, and exported files under /download/, on app:// and makes the session
 * refuse what the workstation never needs: every permission (camera, notifications, clipboard
 * read, …) and any page without our CSP.
 */
export function hardenSession(ses: Session, rendererDir: string, downloads: DownloadTickets): void {
  ses.protocol.handle(appScheme, (request) => (isDownloadUrl(request.url) ? serveDownloadFile(downloads, request) : serveRendererFile(rendererDir, request)));
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
