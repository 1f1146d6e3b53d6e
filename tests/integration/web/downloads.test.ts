import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import type { ExportJobResult, Job } from '../../../core/contract/index.js';
import { exportInWorker } from '../../../core/dossier/desk/workerExporter.js';
import { DownloadTickets } from '../../../core/jobs/downloadTickets.js';
import type { CallContext } from '../../../core/rpc/callContext.js';
import { startWebHost, type WebHost } from '../../../hosts/web/webHost.js';
import { sampleDossier } from '../../helpers/dossierFixture.js';
import { useTempDirs } from '../../helpers/tempDir.js';
import { fakeClock } from '../../unit/jobs/fakeClock.js';

const tempDir = useTempDirs();
const running: { host: WebHost; core: CourtCore }[] = [];
afterEach(async () => {
  for (const { host, core } of running.splice(0)) {
    await host.close();
    core.close();
  }
});

const FILE_NAME = '（2024）苏0506民初88号-20240501-103000.pdf';

function staticDir(dir: string): string {
  const out = join(dir, 'renderer');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), '<!doctype html><title>CourtDesk</title>');
  return out;
}

/** The web host over a real core whose download tickets run on a clock the test moves. */
async function start(opts: { exporter?: boolean } = {}) {
  const dir = tempDir();
  if (opts.exporter) (await sampleDossier(dir)).db.close();
  const core = openCourtCore({ dataDir: dir, host: 'web', version: 'test', exporter: opts.exporter ? exportInWorker() : undefined });
  const clock = fakeClock();
  const downloads = opts.exporter ? core.downloads : new DownloadTickets(10 * 60_000, clock);
  const host = await startWebHost({ core: { dispatch: core.dispatch, events: core.events, downloads }, port: 0, staticDir: staticDir(dir) });
  running.push({ host, core });
  const exported = join(dir, 'exports', FILE_NAME);
  mkdirSync(join(dir, 'exports'), { recursive: true });
  writeFileSync(exported, '%PDF-1.7\n卷宗\n%%EOF\n');
  return { dir, core, downloads, clock, origin: new URL(host.url).origin, exported };
}

function get(origin: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

describe('GET /download/<id> on the web host', () => {
  it('serves the exported PDF once, as an attachment named by its 案号, with no token', async () => {
    const { origin, downloads, exported } = await start();
    const { id } = downloads.issue(exported, FILE_NAME);
    const first = await get(origin, `/download/${id}`);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(Number(first.headers['content-length'])).toBe(first.body.length);
    expect(first.body.toString()).toBe('%PDF-1.7\n卷宗\n%%EOF\n');
    const disposition = String(first.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(FILE_NAME);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");

    const second = await get(origin, `/download/${id}`);
    expect(second.status).toBe(404);
    expect(second.body.toString()).toContain('下载链接无效、已使用或已过期');
  });

  it('answers 404 for an unknown or malformed id and for a file gone since', async () => {
    const { origin, downloads, exported } = await start();
    for (const path of ['/download/', `/download/${'A'.repeat(43)}`, '/download/..%2F..%2Fcourtdesk.sqlite', '/download/abc']) {
      expect((await get(origin, path)).status, path).toBe(404);
    }
    const { id } = downloads.issue(exported, FILE_NAME);
    rmSync(exported);
    const gone = await get(origin, `/download/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.toString()).toContain('请重新生成电子卷宗');
  });

  it('lets an id expire after ten minutes', async () => {
    const { origin, downloads, clock, exported } = await start();
    const early = downloads.issue(exported, FILE_NAME);
    const late = downloads.issue(exported, FILE_NAME);
    clock.advance(10 * 60_000 - 1000);
    expect((await get(origin, `/download/${early.id}`)).status).toBe(200);
    clock.advance(1000);
    expect((await get(origin, `/download/${late.id}`)).status).toBe(404);
  });

  it('refuses HEAD and POST without using the id up', async () => {
    const { origin, downloads, exported } = await start();
    const { id } = downloads.issue(exported, FILE_NAME);
    const head = await get(origin, `/download/${id}`, 'HEAD');
    expect(head.status).toBe(405);
    expect(head.headers.allow).toBe('GET');
    expect((await get(origin, `/download/${id}`, 'POST')).status).toBe(405);
    expect((await get(origin, `/download/${id}`)).status).toBe(200);
  });

  it('hands out the PDF of a real export job through its result', async () => {
    const { origin, core } = await start({ exporter: true });
    const clerk: CallContext = { session: { userId: 2, username: 'clerk1', displayName: '书记员', roles: ['clerk'] } };
    const started = await core.dispatch(clerk, 'dossier.export', { number: '（2024）苏0506民初88号' });
    if (!started.ok) throw new Error(started.error.message);
    const job = await core.jobs.whenSettled((started.value as Job).id);
    const result = job.result as ExportJobResult;
    const pdf = await get(origin, `/download/${result.downloadId!}`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.body.length).toBe(result.bytes);
  });
});
