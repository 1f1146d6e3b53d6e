import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { mediaTypeOf } from '../../hosts/web/mediaTypes.js';
import { contentSecurityPolicy, isAppUrl } from './security.js';


/**
 * Maps an app:// URL to a file inside the renderer build, or null when the URL is not ours or
 * would leave that folder. Paths without an extension are client-side routes: index.html.
 */
export function resolveRendererPath(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : `.${pathname}`;
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}

/** The app:// protocol handler's whole answer, so it can be exercised without Electron. */
export async function serveRendererFile(rendererDir: string, request: { url: string; method: string }): Promise<Response> {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
  const file = resolveRendererPath(rendererDir, request.url);
  if (!file) return new Response(null, { status: 404, headers });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response(null, { status: 404, headers });
  }
  const type = mediaTypeOf(file);
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
}
