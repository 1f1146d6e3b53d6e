import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DownloadTickets } from '../../../core/jobs/downloadTickets.js';
import { isDownloadUrl, serveDownloadFile } from '../../../electron/main/downloadFiles.js';
import { contentSecurityPolicy } from '../../../electron/main/security.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const NAME = '（2024）苏0506民初88号-20240501-103000.pdf';

function exported(): string {
  const file = join(tempDir(), NAME);
  writeFileSync(file, '%PDF-1.7\n%%EOF\n');
  return file;
}

describe('downloads on app://', () => {
  it('are recognised only under app://courtdesk/download/', () => {
    expect(isDownloadUrl('app://courtdesk/download/abc')).toBe(true);
    expect(isDownloadUrl('app://courtdesk/index.html')).toBe(false);
    expect(isDownloadUrl('app://other/download/abc')).toBe(false);
    expect(isDownloadUrl('https://courtdesk/download/abc')).toBe(false);
  });

  it('serve the exported file once as an attachment Chromium hands to the save dialog', async () => {
    const tickets = new DownloadTickets();
    const { id } = tickets.issue(exported(), NAME);
    const res = await serveDownloadFile(tickets, { url: `app://courtdesk/download/${id}`, method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1])).toBe(NAME);
    expect(await res.text()).toBe('%PDF-1.7\n%%EOF\n');
    expect((await serveDownloadFile(tickets, { url: `app://courtdesk/download/${id}`, method: 'GET' })).status).toBe(404);
  });

  it('refuse other methods without using the id, and unknown ids', async () => {
    const tickets = new DownloadTickets();
    const { id } = tickets.issue(exported(), NAME);
    expect((await serveDownloadFile(tickets, { url: `app://courtdesk/download/${id}`, method: 'HEAD' })).status).toBe(405);
    expect((await serveDownloadFile(tickets, { url: 'app://courtdesk/download/..%2Fsecret', method: 'GET' })).status).toBe(404);
    expect((await serveDownloadFile(tickets, { url: `app://courtdesk/download/${id}`, method: 'GET' })).status).toBe(200);
  });
});
