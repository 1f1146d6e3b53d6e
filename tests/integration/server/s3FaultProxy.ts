import http from 'node:http';

export interface ProxiedRequest {
  method: string;
  url: string;
  /** What the client was answered; 0 when the connection was dropped. */
  status: number;
  /** The x-amz-checksum-sha256 the client sent, which S3, MinIO and Ceph check the body against. */
  checksumSha256?: string;
}

/** pass = forward; refuse = answer 403 AccessDenied as a store's policy would; drop = cut the connection (an outage). */
export type Verdict = 'pass' | 'refuse' | 'drop';

export interface S3Proxy {
  url: string;
  log: ProxiedRequest[];
  setVerdict(decide: (req: { method: string; url: string }) => Verdict): void;
  close(): Promise<void>;
}

const ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

/** A loopback HTTP proxy in front of an S3 endpoint that records every request and fails the ones it is told to. */
export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const log: ProxiedRequest[] = [];
  let decide: Parameters<S3Proxy['setVerdict']>[0] = () => 'pass';
  const server = http.createServer((req, res) => {
    const checksum = req.headers['x-amz-checksum-sha256'];
    const entry: ProxiedRequest = { method: req.method ?? '', url: req.url ?? '', status: 0, checksumSha256: typeof checksum === 'string' ? checksum : undefined };
    log.push(entry);
    const verdict = decide(entry);
    if (verdict === 'drop') {
      req.socket.destroy();
      return;
    }
    if (verdict === 'refuse') {
      req.resume();
      req.on('end', () => {
        entry.status = 403;
        res.writeHead(403, { 'content-type': 'application/xml' }).end(ACCESS_DENIED);
      });
      return;
    }
    const upstream = http.request(new URL(entry.url, target), { method: entry.method, headers: req.headers }, (up) => {
      entry.status = up.statusCode ?? 502;
      res.writeHead(entry.status, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setVerdict: (fn) => {
      decide = fn;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
