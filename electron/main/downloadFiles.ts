import { readFile } from 'node:fs/promises';
import { attachmentDisposition, DOWNLOAD_PATH_PREFIX, type DownloadTickets } from '../../core/jobs/downloadTickets.js';
import { contentSecurityPolicy, isAppUrl } from './security.js';

/** True for app://courtdesk/download/<id>, which the app:// handler answers from the download tickets instead of the renderer build. */
export function isDownloadUrl(url: string): boolean {
  return isAppUrl(url) && URL.parse(url)!.pathname.startsWith(DOWNLOAD_PATH_PREFIX);
}

/**
 * The desktop app's side of GET /download/<id>: the same single-use tickets as the web host.
 * Content-Disposition makes Chromium treat the answer as a download, so Electron asks where to
 * save it with the system's save dialog, proposing the 案号 file name.
 */
export async function serveDownloadFile(tickets: DownloadTickets, request: { url: string; method: string }): Promise<Response> {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  if (request.method !== 'GET') return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET' } });
  const ticket = tickets.claim(URL.parse(request.url)?.pathname.slice(DOWNLOAD_PATH_PREFIX.length) ?? '');
  if (!ticket) return new Response(null, { status: 404, headers });
  let body: Buffer;
  try {
    body = await readFile(ticket.file);
  } catch {
    return new Response(null, { status: 404, headers });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': ticket.mediaType, 'Content-Disposition': attachmentDisposition(ticket.fileName) },
  });
}
