import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { checkpointDigest } from '../../../core/ledger/anchor/anchorPort.js';
import { FileAnchor } from '../../../core/ledger/anchor/fileAnchor.js';
import { HttpAnchor } from '../../../core/ledger/anchor/httpAnchor.js';
import { signCheckpoint } from '../../../core/ledger/checkpoint.js';
import { generateSignerKey, parseSignerKey } from '../../../core/ledger/keys/noteKeys.js';
import { MemoryTree } from '../../../core/ledger/merkle/index.js';

const origin = 'court.example/ws-01';
let checkpointText: string;

// A stand-in for a court's anchoring gateway; each path answers one way.
let server: Server;
let base: string;
const received: { path: string; auth: string | undefined; type: string | undefined; body: string }[] = [];

function reply(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

beforeAll(async () => {
  const tree = new MemoryTree([Buffer.from('a'), Buffer.from('b')]);
  checkpointText = await signCheckpoint({ origin, size: 2, rootHash: tree.root(), extensions: [] }, parseSignerKey(generateSignerKey(origin).signerKey));
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body });
      const digest = checkpointDigest(body);
      switch (req.url) {
        case '/ok':
          return reply(res, 200, JSON.stringify({ id: 'tx-0001', anchoredAt: '2024-05-01T10:00:00+08:00', checkpointSha256: digest, blockHeight: 1024, blockHash: 'abc' }));
        case '/minimal':
          return reply(res, 201, JSON.stringify({ id: 'tx-0002', anchoredAt: '2024-05-01T02:00:00Z' }));
        case '/denied':
          return reply(res, 401, JSON.stringify({ error: 'bad token' }));
        case '/not-json':
          return reply(res, 200, '<html>gateway</html>');
        case '/missing-id':
          return reply(res, 200, JSON.stringify({ anchoredAt: '2024-05-01T02:00:00Z' }));
        case '/other-checkpoint':
          return reply(res, 200, JSON.stringify({ id: 'tx', anchoredAt: '2024-05-01T02:00:00Z', checkpointSha256: '0'.repeat(64) }));
        case '/redirect':
          res.writeHead(302, { location: '/ok' });
          return res.end();
        default:
          return reply(res, 404, '{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof CourtError ? err.code : `non-court error: ${String(err)}`;
  }
  return undefined;
}

describe('HttpAnchor', () => {
  it('POSTs the checkpoint text with the configured auth header and returns the validated receipt', async () => {
    const anchor = new HttpAnchor({ url: `${base}/ok`, headers: { authorization: 'Bearer court-token' } });
    const receipt = await anchor.anchor(checkpointText);
    expect(receipt).toEqual({ id: 'tx-0001', anchoredAt: '2024-05-01T10:00:00+08:00', checkpointSha256: checkpointDigest(checkpointText), blockHeight: 1024, blockHash: 'abc' });
    const req = received.at(-1)!;
    expect(req).toEqual({ path: '/ok', auth: 'Bearer court-token', type: 'text/plain; charset=utf-8', body: checkpointText });
    expect(await new HttpAnchor({ url: `${base}/minimal` }).anchor(checkpointText)).toEqual({ id: 'tx-0002', anchoredAt: '2024-05-01T02:00:00Z' });
  });

  it('reports refusals and unreachable services as LEDGER_ANCHOR_FAILED', async () => {
    expect(await codeOf(() => new HttpAnchor({ url: `${base}/denied` }).anchor(checkpointText))).toBe('LEDGER_ANCHOR_FAILED');
    expect(await codeOf(() => new HttpAnchor({ url: `${base}/redirect` }).anchor(checkpointText))).toBe('LEDGER_ANCHOR_FAILED');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await codeOf(() => new HttpAnchor({ url: `http://127.0.0.1:${port}/` }).anchor(checkpointText))).toBe('LEDGER_ANCHOR_FAILED');
  });

  it('refuses a configured URL that is not http(s)', async () => {
    expect(await codeOf(async () => new HttpAnchor({ url: 'ftp://anchor.example/' }))).toBe('INVALID_INPUT');
    expect(await codeOf(async () => new HttpAnchor({ url: 'not a url' }))).toBe('INVALID_INPUT');
  });

  it('refuses receipts that are not JSON, lack fields, or name another checkpoint', async () => {
    for (const path of ['/not-json', '/missing-id', '/other-checkpoint']) {
      expect(await codeOf(() => new HttpAnchor({ url: `${base}${path}` }).anchor(checkpointText)), path).toBe('LEDGER_ANCHOR_BAD_RECEIPT');
    }
  });
});

describe('FileAnchor', () => {
  it('writes each checkpoint once under its SHA-256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtdesk-anchor-'));
    try {
      const anchor = new FileAnchor(join(dir, 'anchors'));
      const receipt = await anchor.anchor(checkpointText);
      expect(receipt.id).toBe(checkpointDigest(checkpointText));
      expect(readFileSync(receipt.location!, 'utf8')).toBe(checkpointText);
      await anchor.anchor(checkpointText);
      expect(readdirSync(join(dir, 'anchors'))).toEqual([`${receipt.id}.checkpoint`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
