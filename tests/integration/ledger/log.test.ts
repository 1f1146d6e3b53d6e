import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { openCheckpoint } from '../../../core/ledger/checkpoint.js';
import { buildManifest } from '../../../core/ledger/exportManifest.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey } from '../../../core/ledger/keys/noteKeys.js';
import { canonicalJson, encodeLeaf } from '../../../core/ledger/leaf.js';
import {
  appendLeaf,
  auditLedger,
  checkpoint,
  consistencyProofAt,
  findLeaves,
  inclusionProofAt,
  latestCheckpoint,
  rootAt,
  treeSize,
} from '../../../core/ledger/log.js';
import { verifyManifest } from '../../../core/ledger/manifest.js';
import { leafHash, MemoryTree, toHex, verifyConsistency, verifyInclusion } from '../../../core/ledger/merkle/index.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase, type Db } from '../../../core/store/database.js';

const origin = 'court.example/ws-01';
const key = generateSignerKey(origin);
const signer = parseSignerKey(key.signerKey);
const verifier = parseVerifierKey(key.verifierKey);

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-ledger-'));
  db = openDatabase(join(dir, 'courtdesk.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = async (fn: () => unknown): Promise<string | undefined> => {
  try {
    await fn();
  } catch (err) {
    return err instanceof CourtError ? err.code : `non-court error: ${String(err)}`;
  }
  return undefined;
};

function fill(n: number): MemoryTree {
  const mirror = new MemoryTree();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const kind = ['page', 'ocr', 'catalogue'][i % 3];
      const content = i % 2 ? Buffer.from(`bytes ${i}`) : { page: i, text: `第${i}页`, words: [i, i + 1] };
      const { index } = appendLeaf(db, kind, `case-1/page-${i}`, content);
      expect(index).toBe(i);
      mirror.appendData(encodeLeaf({ kind, subject: `case-1/page-${i}`, content }));
    }
  })();
  return mirror;
}

describe('ledger log on SQLite', () => {
  it('stores the same tree as the in-memory reference and serves proofs that verify', () => {
    const mirror = fill(77);
    expect(treeSize(db)).toBe(77);
    for (const size of [0, 1, 2, 3, 8, 31, 64, 77]) expect(toHex(rootAt(db, size))).toBe(toHex(mirror.root(size)));
    const root = rootAt(db, 77);
    for (let i = 0; i < 77; i++) {
      const proof = inclusionProofAt(db, i, 77);
      expect(proof.map(toHex)).toEqual(mirror.inclusionProof(i).map(toHex));
      expect(verifyInclusion(i, 77, mirror.perfect(0, i), proof, root)).toBe(true);
    }
    for (const m of [1, 5, 16, 50, 77]) expect(verifyConsistency(m, 77, consistencyProofAt(db, m, 77), rootAt(db, m), root)).toBe(true);
  });

  it('commits with the caller’s transaction and vanishes with its rollback', () => {
    fill(5);
    expect(() =>
      db.transaction(() => {
        appendLeaf(db, 'page', 'rolled-back', Buffer.from('x'));
        appendLeaf(db, 'page', 'rolled-back-2', Buffer.from('y'));
        throw new Error('caller failed');
      })(),
    ).toThrow('caller failed');
    expect(treeSize(db)).toBe(5);
    expect(findLeaves(db, 'page', 'rolled-back')).toEqual([]);
    // The node for leaves 4..5 was never written, so appending again still works.
    appendLeaf(db, 'page', 'after', Buffer.from('z'));
    expect(db.prepare('SELECT count(*) FROM ledger_nodes').pluck().get()).toBe(4);
  });

  it('canonicalises JSON content, so key order does not change the leaf', () => {
    appendLeaf(db, 'catalogue', 'doc-1', { b: 1, a: [true, null, '证据'] });
    const row = db.prepare('SELECT leaf_input, leaf_hash FROM ledger_leaves WHERE idx = 0').get() as { leaf_input: Buffer; leaf_hash: Buffer };
    expect(row.leaf_input.toString()).toBe(`catalogue\ndoc-1\n${canonicalJson({ a: [true, null, '证据'], b: 1 })}`);
    expect(row.leaf_input.toString()).toBe('catalogue\ndoc-1\n{"a":[true,null,"证据"],"b":1}');
    expect(toHex(row.leaf_hash)).toBe(toHex(leafHash(row.leaf_input)));
  });

  it('refuses updates, deletes and gaps at the database level', async () => {
    fill(4);
    expect(() => db.prepare("UPDATE ledger_leaves SET subject = 'x' WHERE idx = 0").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger_leaves WHERE idx = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE ledger_nodes SET hash = zeroblob(32)').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO ledger_leaves (idx, kind, subject, leaf_input, leaf_hash) VALUES (9, 'page', 's', x'00', zeroblob(32))").run()).toThrow(/next index/);
    await checkpoint(db, signer, { origin });
    expect(() => db.prepare('DELETE FROM ledger_checkpoints').run()).toThrow(/append-only/);
    expect(await codeOf(() => appendLeaf(db, 'Page', 's', Buffer.from('x')))).toBe('LEDGER_LEAF_INVALID');
    expect(await codeOf(() => appendLeaf(db, 'page', 'two\nlines', Buffer.from('x')))).toBe('LEDGER_LEAF_INVALID');
    expect(await codeOf(() => inclusionProofAt(db, 4, 4))).toBe('LEDGER_INDEX_OUT_OF_RANGE');
    expect(await codeOf(() => rootAt(db, 5))).toBe('LEDGER_INDEX_OUT_OF_RANGE');
  });

  it('signs checkpoints that the log key verifies, reuses an unchanged one, and proves growth between them', async () => {
    fill(10);
    const first = await checkpoint(db, signer, { origin });
    expect(first.size).toBe(10);
    const opened = openCheckpoint(first.text, { origin, log: verifier });
    expect(toHex(opened.checkpoint.rootHash)).toBe(toHex(rootAt(db, 10)));
    expect((await checkpoint(db, signer, { origin })).id).toBe(first.id);

    appendLeaf(db, 'export', 'case-1', { pages: 3 });
    const second = await checkpoint(db, signer, { origin });
    expect(second.id).not.toBe(first.id);
    expect(latestCheckpoint(db)?.id).toBe(second.id);
    expect(verifyConsistency(first.size, second.size, consistencyProofAt(db, first.size, second.size), first.rootHash, second.rootHash)).toBe(true);
  });

  it('audits clean, then detects a leaf rewritten behind the triggers’ back', async () => {
    fill(40);
    await checkpoint(db, signer, { origin });
    expect(auditLedger(db, [verifier])).toEqual({ size: 40, checkpoints: 1 });

    db.exec('DROP TRIGGER ledger_leaves_no_update');
    db.prepare("UPDATE ledger_leaves SET leaf_input = CAST('page' || char(10) || 'case-1/page-7' || char(10) || 'forged' AS BLOB) WHERE idx = 7").run();
    expect(await codeOf(() => auditLedger(db, [verifier]))).toBe('LEDGER_TAMPERED');

    // A thorough forger rewrites the leaf hash and every interior node too: the tree is
    // self-consistent again, and only the signed checkpoint gives it away.
    const forgedInput = Buffer.from('page\ncase-1/page-7\nforged');
    db.prepare('UPDATE ledger_leaves SET leaf_hash = ? WHERE idx = 7').run(leafHash(forgedInput));
    const rebuilt = new MemoryTree();
    for (const h of db.prepare('SELECT leaf_hash FROM ledger_leaves ORDER BY idx').pluck().all() as Buffer[]) rebuilt.appendHash(h);
    db.exec('DROP TRIGGER ledger_nodes_no_update');
    for (const n of db.prepare('SELECT level, idx FROM ledger_nodes').all() as { level: number; idx: number }[]) {
      db.prepare('UPDATE ledger_nodes SET hash = ? WHERE level = ? AND idx = ?').run(rebuilt.perfect(n.level, n.idx), n.level, n.idx);
    }
    try {
      auditLedger(db, [verifier]);
      expect.unreachable('audit passed on a forged log');
    } catch (err) {
      expect(err).toBeInstanceOf(CourtError);
      expect((err as CourtError).code).toBe('LEDGER_TAMPERED');
      expect((err as CourtError).details).toEqual({ checkpointId: 1 });
    }
  });

  it('builds an export manifest that verifies against the page masters on disk', async () => {
    const blobs = new BlobStore(join(dir, 'pages'));
    const masters = [0, 1, 2].map((i) => Buffer.from(`page master ${i} `.repeat(100)));
    const shas = masters.map((m) => blobs.put(m));
    // Pages 0 and 1 were logged at scan time; page 2 never was.
    db.transaction(() => {
      appendLeaf(db, 'page', shas[0], new Uint8Array(0));
      appendLeaf(db, 'ocr', 'p0', { text: '民事起诉状' });
      appendLeaf(db, 'page', shas[1], new Uint8Array(0));
    })();
    const pages = shas.map((sha256, i) => ({ document: i < 2 ? '起诉状' : '证据', pageLabel: String(i + 1), sha256 }));
    const manifest = await buildManifest(db, signer, { origin, caseNumber: '（2024）苏0508民初1234号', pages });
    expect(manifest.pages.map((p) => p.leafIndex)).toEqual([0, 2, 3]);
    expect(manifest.export.leafIndex).toBe(4);

    const fromDisk = shas.map((s) => blobs.read(s));
    expect(verifyManifest(JSON.parse(JSON.stringify(manifest)), fromDisk, { trustedVerifierKeys: [key.verifierKey] })).toMatchObject({ status: 'intact', pages: 3 });
    const tampered = [...fromDisk];
    tampered[1] = Buffer.concat([fromDisk[1], Buffer.from(' ')]);
    expect(verifyManifest(manifest, tampered, { trustedVerifierKeys: [key.verifierKey] })).toMatchObject({ status: 'altered', position: 2, document: '起诉状' });
    expect(createHash('sha256').update(fromDisk[2]).digest('hex')).toBe(manifest.pages[2].sha256);
  });
});
