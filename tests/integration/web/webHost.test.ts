import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openCourtCore, type CourtCore } from '../../../core/app/courtCore.js';
import { startWebHost, type WebHost } from '../../../hosts/web/webHost.js';
import { useTempDirs } from '../../helpers/tempDir.js';

const tempDir = useTempDirs();
const running: { host: WebHost; core: CourtCore }[] = [];

afterEach(async () => {
  for (const { host, core } of running.splice(0)) {
    await host.close();
    core.close();
  }
});

/** A real core over a temp data dir and a small stand-in for the Vite output beside a secret file. */
async function start(): Promise<{ host: WebHost; core: CourtCore; password: string; origin: string }> {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CourtDesk</title>');
  writeFileSync(join(staticDir, 'assets', 'index-Ab12Cd.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  const core = openCourtCore({ dataDir: join(dir, 'data'), host: 'web', version: 'test' });
  const password = (await core.ensureInitialAdmin())!;
  const host = await startWebHost({ core, port: 0, staticDir });
  running.push({ host, core });
  return { host, core, password, origin: new URL(host.url).origin };
}

function connect(origin: string, opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const protocols = ['courtdesk.v1', ...(opts.token === undefined ? [] : [`courtdesk.token.${opts.token}`])];
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, protocols, opts.origin ? { origin: opts.origin } : {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket, match: (m: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (!match(message)) return;
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
  });
}

let nextId = 1;
async function call(ws: WebSocket, channel: string, input: unknown): Promise<Record<string, unknown>> {
  const id = nextId++;
  const answer = nextMessage(ws, (m) => m.id === id);
  ws.send(JSON.stringify({ id, channel, input }));
  return (await answer).envelope as Record<string, unknown>;
}

function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

describe('the web host', () => {
  it('hands out a loopback URL with a fresh token in the fragment', async () => {
    const a = await start();
    const b = await start();
    expect(a.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    expect(a.host.token).not.toBe(b.host.token);
  });

  it('refuses the API without the token, with a wrong token, and from another site', async () => {
    const { host, origin } = await start();
    await expect(connect(origin)).rejects.toThrow('refused 401');
    await expect(connect(origin, { token: host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).rejects.toThrow('refused 401');
    await expect(connect(origin, { token: host.token, origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect(origin, { token: host.token, origin: 'null' })).rejects.toThrow('refused 403');
    const ws = await connect(origin, { token: host.token, origin });
    expect(ws.protocol).toBe('courtdesk.v1');
    ws.close();
  });

  it('round-trips calls through the real core, with a session per connection', async () => {
    const { host, password, origin } = await start();
    const ws = await connect(origin, { token: host.token, origin });
    expect(await call(ws, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED', message: '尚未登录或登录已过期' } });
    expect(await call(ws, 'auth.login', { username: 'admin', password })).toMatchObject({ ok: true, value: { username: 'admin', roles: ['admin'] } });
    const changed = nextMessage(ws, (m) => m.event === 'cases.changed');
    const created = await call(ws, 'cases.create', { number: '(2024)苏0508民初1234号', parties: [{ role: '原告', name: '张三' }] });
    expect(created).toMatchObject({ ok: true, value: { number: '（2024）苏0508民初1234号', createdBy: 'admin' } });
    expect(await changed).toEqual({ event: 'cases.changed', payload: { number: '（2024）苏0508民初1234号' } });
    expect(await call(ws, 'cases.list', { query: '张三' })).toMatchObject({ ok: true, value: [{ number: '（2024）苏0508民初1234号' }] });
    expect(await call(ws, 'cases.create', { number: '2024民初1' })).toMatchObject({ ok: false, error: { code: 'INVALID_CASE_NUMBER' } });

    const other = await connect(origin, { token: host.token });
    expect(await call(other, 'auth.whoami', {})).toEqual({ ok: true, value: null });
    // Events go to signed-in connections only; frames on one socket arrive in order, so an
    // event sent before the next answer would be seen here.
    const seenByOther: unknown[] = [];
    other.on('message', (data) => seenByOther.push(JSON.parse(data.toString())));
    await call(ws, 'cases.create', { number: '（2024）苏0508民初1235号' });
    await call(other, 'app.info', {});
    expect(seenByOther).toEqual([expect.objectContaining({ envelope: expect.objectContaining({ ok: true }) })]);
    ws.close();
    other.close();
  });

  it('answers bad frames with INVALID_INPUT and keeps serving', async () => {
    const { host, origin } = await start();
    const ws = await connect(origin, { token: host.token });
    const bad = async (frame: string | Buffer) => {
      const answer = nextMessage(ws);
      ws.send(frame);
      return answer;
    };
    expect(await bad('not json')).toMatchObject({ id: null, envelope: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await bad(JSON.stringify({ id: 7, chanel: 'app.info' }))).toMatchObject({ id: 7, envelope: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await bad(JSON.stringify([1, 2]))).toMatchObject({ id: null, envelope: { error: { code: 'INVALID_INPUT' } } });
    expect(await bad(Buffer.from([1, 2, 3]))).toMatchObject({ envelope: { error: { code: 'INVALID_INPUT' } } });
    expect(await call(ws, 'cases.nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call(ws, 'auth.login', { username: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(ws, 'app.info', {})).toEqual({ ok: true, value: { version: 'test', host: 'web' } });

    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, channel: 'app.info', input: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    const again = await connect(origin, { token: host.token });
    expect(await call(again, 'app.info', {})).toMatchObject({ ok: true });
    again.close();
  });

  it('serves the built UI with security headers, caching hashed assets only', async () => {
    const { origin } = await start();
    const index = await rawGet(origin, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`ws://${new URL(origin).host}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    const asset = await rawGet(origin, '/assets/index-Ab12Cd.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await rawGet(origin, '/cases/123')).body).toContain('<title>CourtDesk</title>');
    expect((await rawGet(origin, '/assets/missing.js')).status).toBe(404);
    expect((await rawGet(origin, '/api')).status).toBe(426);
  });

  it('refuses paths that climb out of the UI folder', async () => {
    const { origin } = await start();
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const res = await rawGet(origin, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body).not.toContain('do not serve');
    }
  });
});
