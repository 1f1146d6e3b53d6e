import { describe, expect, it } from 'vitest';
import { CourtError } from '../../core/contract/index.js';
import { createWebSocketTransport, type SocketLike } from '../../renderer/api/webSocketTransport.js';

/** The browser side of a socket, driven by the test: open, answer, drop. */
class ScriptedSocket implements SocketLike {
  readyState = 0;
  readonly sent: { id: number; channel: string; input: unknown }[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: typeof message === 'string' ? message : JSON.stringify(message) }));
  }
}

function setUp() {
  const sockets: ScriptedSocket[] = [];
  const retries: { run: () => void; ms: number }[] = [];
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:4000/api',
    token: 'tok_abcdefghijklmnopqrstuvwxyz012345',
    createSocket: (url, protocols) => {
      const socket = new ScriptedSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
    schedule: (run, ms) => {
      const entry = { run, ms };
      retries.push(entry);
      return () => retries.splice(retries.indexOf(entry), 1);
    },
  });
  return { transport, sockets, retries, latest: () => sockets[sockets.length - 1] };
}

describe('the WebSocket transport', () => {
  it('presents the token as a subprotocol and sends calls made while connecting once open', async () => {
    const { transport, latest } = setUp();
    expect(latest().protocols).toEqual(['courtdesk.v1', 'courtdesk.token.tok_abcdefghijklmnopqrstuvwxyz012345']);
    const answer = transport.invoke('app.info', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ id: 1, channel: 'app.info', input: {} }]);
    latest().receive({ id: 1, envelope: { ok: true, value: { version: '1', host: 'web' } } });
    expect(await answer).toEqual({ ok: true, value: { version: '1', host: 'web' } });
  });

  it('fails unanswered calls with DISCONNECTED when the connection drops, then reconnects', async () => {
    const { transport, sockets, retries, latest } = setUp();
    const statuses: string[] = [];
    transport.onStatus((s) => statuses.push(s));
    latest().open();
    const answer = transport.invoke('cases.list', {});
    latest().drop();
    const envelope = await answer;
    expect(envelope.ok).toBe(false);
    expect(CourtError.fromData((envelope as { ok: false; error: never }).error)).toMatchObject({ code: 'DISCONNECTED', message: '与工作站服务的连接已断开' });
    expect(transport.status()).toBe('closed');
    expect(retries).toHaveLength(1);

    retries[0].run();
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(statuses).toEqual(['open', 'closed', 'connecting', 'open']);
  });

  it('waits longer after each failed attempt, and retries at once when the user acts', async () => {
    const { transport, sockets, retries, latest } = setUp();
    latest().drop();
    retries.splice(0)[0].run();
    latest().drop();
    retries.splice(0)[0].run();
    latest().drop();
    expect(retries).toHaveLength(1);
    const waited = retries[0].ms;
    expect(waited).toBeGreaterThanOrEqual(1000);
    const call = transport.invoke('auth.whoami', {});
    expect(retries).toHaveLength(0);
    expect(sockets).toHaveLength(4);
    latest().open();
    latest().receive({ id: 1, envelope: { ok: true, value: null } });
    expect(await call).toEqual({ ok: true, value: null });
  });

  it('delivers valid events and drops frames that do not match the contract', async () => {
    const { transport, latest } = setUp();
    const seen: unknown[] = [];
    transport.on('cases.changed', (payload) => seen.push(payload));
    latest().open();
    const answer = transport.invoke('app.info', {});
    latest().receive('not json');
    latest().receive({ event: 'cases.changed', payload: { number: 42 } });
    latest().receive({ event: 'no.such.event', payload: {} });
    latest().receive({ id: 1, envelope: { ok: 'yes' } });
    latest().receive({ event: 'cases.changed', payload: { number: '（2024）苏0508民初1234号' } });
    expect(seen).toEqual([{ number: '（2024）苏0508民初1234号' }]);
    latest().receive({ id: 1, envelope: { ok: true, value: 'answered' } });
    expect(await answer).toEqual({ ok: true, value: 'answered' });
  });

  it('stops for good when closed by the page', async () => {
    const { transport, retries, latest } = setUp();
    latest().open();
    transport.close();
    expect(retries).toHaveLength(0);
    expect(await transport.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });
});
