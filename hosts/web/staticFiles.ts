import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { mediaTypeOf } from './mediaTypes.js';


/** Vite puts content-hashed files under assets/: they never change, so browsers may keep them. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root + sep);
}

/** The existing regular file the path names inside root, following links; null when there is none. */
async function existingFile(root: string, candidate: string): Promise<string | null> {
  try {
    // Resolving links as well keeps a symlink in the build output from reaching outside it.
    const real = await realpath(candidate);
    return inside(root, real) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') || decoded.includes('\\') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Serves the built renderer: files under staticDir only, index.html for client-side routes
 * (paths without a file extension), 404 for anything else.
 */
export async function createStaticHandler(staticDir: string): Promise<(req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>> {
  let root: string;
  try {
    root = await realpath(resolve(staticDir));
  } catch {
    root = resolve(staticDir);
  }
  const indexFile = join(root, 'index.html');

  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405, 'Method Not Allowed');
    }
    const relative = decodePath(pathname);
    if (relative === null) return plain(res, 400, 'Bad Request');
    const candidate = resolve(root, '.' + relative);
    if (!inside(root, candidate)) return plain(res, 404, 'Not Found');
    const isRoute = relative.endsWith('/') || extname(relative) === '';
    const file = (await existingFile(root, candidate)) ?? (isRoute ? await existingFile(root, indexFile) : null);
    if (!file) {
      if (isRoute) return plain(res, 503, `界面尚未构建：请先运行 npm run build（缺少 ${indexFile}）\nThe UI has not been built yet: run npm run build.`);
      return plain(res, 404, 'Not Found');
    }
    const { size } = await stat(file);
    res.writeHead(200, {
      'Content-Type': mediaTypeOf(file),
      'Content-Length': size,
      'Cache-Control': file !== indexFile && relative.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
