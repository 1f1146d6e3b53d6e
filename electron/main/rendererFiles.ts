import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy, isAppUrl } from './security.js';

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  // pdf.js character maps and standard fonts
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

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
  const type = mediaTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
}
