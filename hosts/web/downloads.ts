import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentDisposition, DOWNLOAD_PATH_PREFIX, type DownloadTickets } from '../../core/jobs/downloadTickets.js';

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(text);
}

export const isDownloadPath = (path: string) => path.startsWith(DOWNLOAD_PATH_PREFIX);

/**
 * GET /download/<id>: the file a job produced, once. The id is the capability (256 random bits,
 * single use, ten minutes), so no token is needed and none ends up in a URL. HEAD and other
 * methods are refused without using the id up.
 */
export async function serveDownload(req: IncomingMessage, res: ServerResponse, path: string, tickets: DownloadTickets): Promise<void> {
  if (req.method !== 'GET') return plain(res, 405, 'Method Not Allowed', { Allow: 'GET' });
  const ticket = tickets.claim(path.slice(DOWNLOAD_PATH_PREFIX.length));
  if (!ticket) return plain(res, 404, '下载链接无效、已使用或已过期：请回到卷宗页面重新点击“下载”。\nThis download link is unknown, used or expired.');
  let size: number;
  try {
    size = (await stat(ticket.file)).size;
  } catch {
    return plain(res, 404, '导出的文件已不在数据目录中：请重新生成电子卷宗。\nThe exported file is gone.');
  }
  res.writeHead(200, {
    'Content-Type': ticket.mediaType,
    'Content-Length': size,
    'Content-Disposition': attachmentDisposition(ticket.fileName),
    'Cache-Control': 'no-store',
  });
  createReadStream(ticket.file)
    .on('error', () => res.destroy())
    .pipe(res);
}
