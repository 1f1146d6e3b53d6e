import http from 'node:http';

/**
 * A loopback HTTP proxy that flips one byte in the body of the first `corruptPatches` tus PATCH
 * requests, as a faulty middlebox would, and passes everything else through untouched.
 */
export async function startCorruptingProxy(target: string, corruptPatches: number): Promise<{ url: string; corrupted: () => number; close(): Promise<void> }> {
  let corrupted = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'PATCH' && body.length > 0 && corrupted < corruptPatches) {
        body[body.length >> 1] ^= 0x01;
        corrupted += 1;
      }
      const upstream = http.request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    corrupted: () => corrupted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
