import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { newAccessToken, tokenMatches } from './accessToken.js';
import { serveApiConnection, type ApiCore } from './apiConnection.js';
import { isDownloadPath, serveDownload } from './downloads.js';
import { originAllowed } from './originCheck.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { createStaticHandler } from './staticFiles.js';
import { API_PATH, API_PROTOCOL, MAX_FRAME_BYTES } from '../../core/contract/wire.js';
import { readProtocolOffer } from './wireProtocol.js';

export interface WebHostOptions {
  core: ApiCore;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The Vite output, dist/renderer. */
  staticDir: string;
}

export interface WebHost {
  /** What to hand the user: the token rides in the fragment, which browsers never send to a server. */
  url: string;
  token: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 30_000;

function pathOf(req: IncomingMessage): string | null {
  const target = req.url ?? '';
  return target.startsWith('/') ? target.split(/[?#]/, 1)[0] : null;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function urlHost(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** Serves the built renderer over HTTP, exported files under /download/, and the contract over one WebSocket endpoint. */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = newAccessToken();
  const serveStatic = await createStaticHandler(opts.staticDir);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (offered) => (offered.has(API_PROTOCOL) ? API_PROTOCOL : false),
  });

  const server = createServer(async (req, res) => {
    setSecurityHeaders(res, req.headers.host);
    const path = pathOf(req);
    if (path === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad Request');
      return;
    }
    if (path === API_PATH) {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' }).end('Upgrade Required');
      return;
    }
    try {
      if (isDownloadPath(path)) await serveDownload(req, res, path, opts.core.downloads);
      else await serveStatic(req, res, path);
    } catch (err) {
      console.error('[courtdesk] web host could not serve', path, err);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
    }
  });

  const alive = new WeakSet<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    if (pathOf(req) !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    const offer = readProtocolOffer(req.headers['sec-websocket-protocol']);
    if (!offer.speaksApi || !tokenMatches(token, offer.token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveApiConnection(ws, opts.core);
    });
  });

  // Connections whose peer vanished without a close (sleeping laptop, pulled cable) are dropped.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${urlHost(host, port)}/#token=${token}`,
    token,
    async close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'server closing');
      wss.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
    },
  };
}
