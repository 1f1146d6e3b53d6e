import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererPath, serveRendererFile } from '../../../electron/main/rendererFiles.js';
import { contentSecurityPolicy } from '../../../electron/main/security.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();

function rendererBuild(): string {
  const parent = tempDir();
  const dir = join(parent, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CourtDesk</title>');
  writeFileSync(join(dir, 'assets', 'index-1a2b.js'), 'console.log("卷宗")');
  writeFileSync(join(parent, 'secret.txt'), 'not for the page');
  return dir;
}

const get = (dir: string, url: string) => serveRendererFile(dir, { url, method: 'GET' });

describe('the app:// protocol handler', () => {
  it('serves the renderer with the CSP and the right media types', async () => {
    const dir = rendererBuild();
    const page = await get(dir, 'app://courtdesk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await page.text()).toContain('<title>CourtDesk</title>');
    const script = await get(dir, 'app://courtdesk/assets/index-1a2b.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("卷宗")');
  });

  it('answers client-side routes with index.html', async () => {
    const dir = rendererBuild();
    expect(await (await get(dir, 'app://courtdesk/')).text()).toContain('CourtDesk');
    expect(await (await get(dir, 'app://courtdesk/cases/12')).text()).toContain('CourtDesk');
  });

  it('never serves a file outside the renderer build', async () => {
    const dir = rendererBuild();
    for (const url of [
      'app://courtdesk/../secret.txt',
      'app://courtdesk/%2e%2e/secret.txt',
      'app://courtdesk/assets/..%2f..%2fsecret.txt',
      'app://courtdesk/assets/..%5c..%5csecret.txt',
      'app://courtdesk/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fhostname.txt',
      'app://courtdesk/index.html%00.js',
      'app://other/index.html',
      'file:///etc/hostname',
    ]) {
      const res = await get(dir, url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
    expect(resolveRendererPath(dir, 'app://courtdesk/%E0%A4%A')).toBeNull();
  });

  it('answers 404 for a missing asset and 405 for anything but GET and HEAD', async () => {
    const dir = rendererBuild();
    expect((await get(dir, 'app://courtdesk/assets/missing.js')).status).toBe(404);
    expect((await serveRendererFile(dir, { url: 'app://courtdesk/index.html', method: 'POST' })).status).toBe(405);
    const head = await serveRendererFile(dir, { url: 'app://courtdesk/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
