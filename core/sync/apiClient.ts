import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { CourtError, isErrorCode, type ErrorData } from '../contract/index.js';
import { backoffDelays, defaultBackoff, withRetry, type BackoffOptions } from './backoff.js';
import { ErrorBodySchema } from './protocol.js';

/** Header naming the workstation on every request (server/auth/requestAuth.ts refuses a token of another one). */
export const WORKSTATION_HEADER = 'CourtDesk-Workstation';

export interface ServerConnection {
  /** Base URL, e.g. https://dossier.court.example:8420 */
  url: string;
  /** PEM of the court's own CA when the server's certificate is not publicly trusted. */
  ca?: string | Buffer;
}

export interface ApiOptions extends ServerConnection {
  workstationId: string;
  token?: () => string | null;
  backoff?: BackoffOptions;
  /** Socket inactivity before a call is given up (default 60 s: a loaded server may take a while to answer). */
  timeoutMs?: number;
  /** How long establishing the connection may take (default 5 s): an unreachable host is told apart from a slow server. */
  connectTimeoutMs?: number;
}

interface RawResponse {
  status: number;
  body: string;
}

const TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** Normalises a server base URL; refuses anything but http(s) without credentials, query or fragment. */
export function normaliseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new CourtError('INVALID_INPUT', { message: `服务器地址无效：${input}`, messageEn: `invalid server URL ${input}` });
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new CourtError('INVALID_INPUT', { message: `服务器地址应为 http(s)://主机[:端口]：${input}`, messageEn: `server URL must be http(s)://host[:port]` });
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** Rebuilds a server error as the CourtError it was; answers that are not ours become SYNC_PROTOCOL/SYNC_SERVER_ERROR. */
export function errorFromResponse(status: number, body: string): CourtError {
  let data: ErrorData | null = null;
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success && isErrorCode(parsed.data.error.code)) data = parsed.data.error as ErrorData;
  } catch {
    // not JSON
  }
  if (data && data.code !== 'INTERNAL') return CourtError.fromData(data);
  if (status >= 500) return new CourtError('SYNC_SERVER_ERROR', { details: { status, body: body.slice(0, 300) } });
  return new CourtError('SYNC_PROTOCOL', { details: { status, body: body.slice(0, 300) } });
}

export const isTransient = (err: unknown) =>
  err instanceof CourtError && (err.code === 'SYNC_UNREACHABLE' || err.code === 'SYNC_SERVER_ERROR');

/** JSON over HTTP(S) to the court server, with the bearer token, the workstation header and retries for transient failures. */
export class SyncApi {
  readonly base: string;
  private readonly agent: http.Agent;

  constructor(private readonly opts: ApiOptions) {
    this.base = normaliseServerUrl(opts.url);
    this.agent = this.base.startsWith('https:') ? new https.Agent({ keepAlive: true, ca: opts.ca }) : new http.Agent({ keepAlive: true });
  }

  /** Options for other HTTP clients (tus) so they share TLS trust and keep-alive. */
  get requestOptions(): { agent: http.Agent } {
    return { agent: this.agent };
  }

  authHeaders(): Record<string, string> {
    const token = this.opts.token?.();
    return { [WORKSTATION_HEADER]: this.opts.workstationId, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  }

  private raw(method: string, path: string, body: unknown): Promise<RawResponse> {
    const url = new URL(this.base + path);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.opts.timeoutMs ?? TIMEOUT_MS,
          headers: {
            Accept: 'application/json',
            ...this.authHeaders(),
            ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err) => reject(unreachable(this.base, err)));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(unreachable(this.base, err)));
      // A firewall that drops packets leaves a connect hanging for minutes; a reused keep-alive socket is already connected.
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => req.destroy(Object.assign(new Error('connect timed out'), { code: 'ECONNECT_TIMEOUT' })),
          this.opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.end(payload);
    });
  }

  /** One call; every endpoint we use is idempotent, so transient failures are retried with backoff. */
  async call<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const delays = backoffDelays(this.opts.backoff ?? defaultBackoff);
    return withRetry(
      async () => {
        const res = await this.raw(method, path, body);
        if (res.status < 200 || res.status >= 300) throw errorFromResponse(res.status, res.body);
        let json: unknown;
        try {
          json = JSON.parse(res.body);
        } catch {
          throw new CourtError('SYNC_PROTOCOL', { details: { status: res.status, body: res.body.slice(0, 300) } });
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) throw new CourtError('SYNC_PROTOCOL', { details: { path, issues: parsed.error.issues.slice(0, 5) } });
        return parsed.data;
      },
      delays,
      isTransient,
    );
  }

  close(): void {
    this.agent.destroy();
  }
}

/** OpenSSL's verification failures: retrying cannot make an untrusted certificate trusted. */
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/;

/** What a network failure means, for the operator. */
const causes: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝：服务器程序未启动或端口不对',
  ECONNECT_TIMEOUT: '连接超时：服务器无响应，或被防火墙拦截',
  ETIMEDOUT: '等待服务器响应超时',
  ENOTFOUND: '找不到该主机名',
  EAI_AGAIN: '域名解析失败',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达：本机未联网',
  ECONNRESET: '连接被中断',
};

export function unreachable(base: string, err: Error): CourtError {
  const cause = (err as NodeJS.ErrnoException).code ?? err.message;
  if (TLS_TRUST.test(cause)) return new CourtError('SYNC_TLS_UNTRUSTED', { details: { server: base, cause } });
  const why = causes[cause];
  return new CourtError('SYNC_UNREACHABLE', {
    ...(base ? { message: `无法连接法院服务器 ${base}${why ? `（${why}）` : ''}`, messageEn: `Cannot reach the court server ${base} (${cause})` } : {}),
    details: { server: base, cause },
  });
}
