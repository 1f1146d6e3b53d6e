import { CourtError, type Envelope, type EventName } from '../../core/contract/index.js';
import type { ConnectionStatus, Transport } from './transport.js';
import { API_PROTOCOL, ServerFrameSchema, TOKEN_PROTOCOL_PREFIX, parseEnvelope, parseEventPayload } from '../../core/contract/wire.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** The part of the browser WebSocket this client uses, so tests can supply their own. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
}

export interface WebSocketTransportOptions {
  url: string;
  token: string;
  createSocket?: (url: string, protocols: string[]) => SocketLike;
  /** Waits before a reconnect attempt; replaced in tests. */
  schedule?: (run: () => void, ms: number) => () => void;
}

interface PendingCall {
  frame: string;
  settle: (envelope: Envelope<unknown>) => void;
}

export interface WebSocketTransport extends Transport {
  /** Stops reconnecting and fails whatever is still pending. */
  close(): void;
}

const disconnected = (): Envelope<never> => ({ ok: false, error: new CourtError('DISCONNECTED').toData() });

function backoff(attempt: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * Calls made while connecting wait for the socket; calls still unanswered when it drops fail
 * with DISCONNECTED (the server may or may not have acted on them, so they are never resent).
 * The socket reconnects with jittered exponential backoff, at once when a new call arrives.
 */
export function createWebSocketTransport(opts: WebSocketTransportOptions): WebSocketTransport {
  const createSocket = opts.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
  const schedule =
    opts.schedule ??
    ((run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    });
  const pending = new Map<number, PendingCall>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let socket: SocketLike | null = null;
  let state: ConnectionStatus = 'connecting';
  let attempt = 0;
  let nextId = 1;
  let cancelRetry: (() => void) | null = null;
  let stopped = false;

  function setStatus(next: ConnectionStatus) {
    if (next === state) return;
    state = next;
    for (const listener of statusListeners) listener(next);
  }

  function receive(data: unknown) {
    let frame;
    try {
      frame = ServerFrameSchema.safeParse(JSON.parse(String(data)));
    } catch {
      return;
    }
    if (!frame.success) return;
    if ('envelope' in frame.data) {
      const call = typeof frame.data.id === 'number' ? pending.get(frame.data.id) : undefined;
      const envelope = parseEnvelope(frame.data.envelope);
      if (!call || !envelope) return;
      pending.delete(frame.data.id as number);
      call.settle(envelope);
      return;
    }
    const checked = parseEventPayload(frame.data.event, frame.data.payload);
    if (!checked) return;
    for (const listener of eventListeners.get(checked.event) ?? []) listener(checked.payload);
  }

  function connect() {
    cancelRetry = null;
    setStatus('connecting');
    const ws = createSocket(opts.url, [API_PROTOCOL, TOKEN_PROTOCOL_PREFIX + opts.token]);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
      for (const call of pending.values()) ws.send(call.frame);
    };
    ws.onmessage = (ev) => receive(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const call of pending.values()) call.settle(disconnected());
      pending.clear();
      setStatus('closed');
      if (!stopped) cancelRetry = schedule(connect, backoff(attempt++));
    };
  }

  connect();

  return {
    invoke(channel, input) {
      if (stopped) return Promise.resolve(disconnected());
      return new Promise((settle) => {
        const id = nextId++;
        const call: PendingCall = { frame: JSON.stringify({ id, channel, input }), settle };
        pending.set(id, call);
        if (state === 'open' && socket) socket.send(call.frame);
        else if (state === 'closed' && cancelRetry) {
          cancelRetry();
          connect();
        }
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    status: () => state,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      stopped = true;
      cancelRetry?.();
      socket?.close(1000, 'closed by the page');
    },
  };
}
