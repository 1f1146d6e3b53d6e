import type { Statement } from 'better-sqlite3';
import { CourtError } from '../contract/index.js';
import type { Db } from '../store/database.js';
import { formatCheckpoint, openCheckpoint, signCheckpoint } from './checkpoint.js';
import type { NoteSigner, NoteVerifier } from './keys/noteKeys.js';
import { encodeLeaf, type JsonValue, type LeafEntry, type LeafKind } from './leaf.js';
import { consistencyProof, inclusionProof, leafHash, MemoryTree, nodeHash, sameHash, treeRoot, type PerfectNodes } from './merkle/index.js';

export interface AppendedLeaf {
  index: number;
  leafHash: Uint8Array;
}

export interface StoredCheckpoint {
  id: number;
  origin: string;
  size: number;
  rootHash: Uint8Array;
  keyName: string;
  keyHash: number;
  /** The signed note, exactly as signed. */
  text: string;
  createdAt: string;
}

interface Statements {
  nextIndex: Statement<[], number>;
  insertLeaf: Statement<[number, string, string, Uint8Array, Uint8Array]>;
  insertNode: Statement<[number, number, Uint8Array]>;
  leafHashAt: Statement<[number], Buffer | undefined>;
  nodeAt: Statement<[number, number], Buffer | undefined>;
}

const prepared = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      nextIndex: db.prepare<[], number>('SELECT coalesce(max(idx) + 1, 0) FROM ledger_leaves').pluck(),
      insertLeaf: db.prepare('INSERT INTO ledger_leaves (idx, kind, subject, leaf_input, leaf_hash) VALUES (?, ?, ?, ?, ?)'),
      insertNode: db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      leafHashAt: db.prepare<[number], Buffer | undefined>('SELECT leaf_hash FROM ledger_leaves WHERE idx = ?').pluck(),
      nodeAt: db.prepare<[number, number], Buffer | undefined>('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?').pluck(),
    };
    prepared.set(db, s);
  }
  return s;
}

class StoredNodes implements PerfectNodes {
  constructor(private readonly s: Statements) {}

  perfect(level: number, index: number): Uint8Array {
    const h = level === 0 ? this.s.leafHashAt.get(index) : this.s.nodeAt.get(level, index);
    if (!h) throw new CourtError('LEDGER_TAMPERED', { details: { missingNode: { level, index } } });
    return h;
  }
}

export function treeSize(db: Db): number {
  return statements(db).nextIndex.get() as number;
}

/**
 * Appends one entry and the subtree hashes it completes. Call it inside the transaction
 * that makes the change it records, so the change and its ledger entry commit together.
 */
export function appendLeaf(db: Db, kind: LeafKind, subject: string, content: Uint8Array | JsonValue): AppendedLeaf {
  return appendEntry(db, { kind, subject, content });
}

export function appendEntry(db: Db, entry: LeafEntry): AppendedLeaf {
  const input = encodeLeaf(entry);
  const hash = leafHash(input);
  const s = statements(db);
  const nodes = new StoredNodes(s);
  return db.transaction(() => {
    const index = s.nextIndex.get() as number;
    s.insertLeaf.run(index, entry.kind, entry.subject, input, hash);
    // Leaf i completes one perfect subtree per trailing 1-bit of i.
    let level = 0;
    let i = index;
    let h = hash;
    while (i % 2 === 1) {
      h = nodeHash(nodes.perfect(level, i - 1), h);
      level += 1;
      i = (i - 1) / 2;
      s.insertNode.run(level, i, h);
    }
    return { index, leafHash: hash };
  }).immediate();
}

function outOfRange(details: Record<string, unknown>): CourtError {
  return new CourtError('LEDGER_INDEX_OUT_OF_RANGE', { details });
}

export function rootAt(db: Db, size: number): Uint8Array {
  const s = statements(db);
  if (!Number.isSafeInteger(size) || size < 0 || size > (s.nextIndex.get() as number)) throw outOfRange({ size });
  return treeRoot(new StoredNodes(s), size);
}

export function inclusionProofAt(db: Db, index: number, size: number): Uint8Array[] {
  const s = statements(db);
  if (!Number.isSafeInteger(size) || size > (s.nextIndex.get() as number) || !Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw outOfRange({ index, size });
  }
  return inclusionProof(new StoredNodes(s), index, size);
}

export function consistencyProofAt(db: Db, size1: number, size2: number): Uint8Array[] {
  const s = statements(db);
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 > size2 || size2 > (s.nextIndex.get() as number)) {
    throw outOfRange({ size1, size2 });
  }
  return consistencyProof(new StoredNodes(s), size1, size2);
}

/** Indices of the leaves recorded for (kind, subject), oldest first. */
export function findLeaves(db: Db, kind: LeafKind, subject: string): number[] {
  return db.prepare<[string, string], number>('SELECT idx FROM ledger_leaves WHERE kind = ? AND subject = ? ORDER BY idx').pluck().all(kind, subject);
}

interface CheckpointRow {
  id: number;
  origin: string;
  tree_size: number;
  root_hash: Buffer;
  key_name: string;
  key_hash: number;
  note: string;
  created_at: string;
}

const fromRow = (r: CheckpointRow): StoredCheckpoint => ({
  id: r.id,
  origin: r.origin,
  size: r.tree_size,
  rootHash: r.root_hash,
  keyName: r.key_name,
  keyHash: r.key_hash,
  text: r.note,
  createdAt: r.created_at,
});

export function latestCheckpoint(db: Db, origin?: string): StoredCheckpoint | null {
  const row = db
    .prepare<unknown[], CheckpointRow>(`SELECT * FROM ledger_checkpoints ${origin === undefined ? '' : 'WHERE origin = ?'} ORDER BY id DESC LIMIT 1`)
    .get(...(origin === undefined ? [] : [origin]));
  return row ? fromRow(row) : null;
}

export function listCheckpoints(db: Db): StoredCheckpoint[] {
  return db.prepare<[], CheckpointRow>('SELECT * FROM ledger_checkpoints ORDER BY id').all().map(fromRow);
}

/**
 * Signs and stores a checkpoint of the whole log as it is now. When the newest stored
 * checkpoint already covers this size for the same origin and key, that one is returned.
 */
export async function checkpoint(db: Db, signer: NoteSigner, opts: { origin: string; extensions?: string[] }): Promise<StoredCheckpoint> {
  const extensions = opts.extensions ?? [];
  const { size, rootHash } = db.transaction(() => {
    const n = treeSize(db);
    return { size: n, rootHash: rootAt(db, n) };
  })();
  const body = formatCheckpoint({ origin: opts.origin, size, rootHash, extensions });
  const last = latestCheckpoint(db, opts.origin);
  if (last && last.keyName === signer.name && last.keyHash === signer.keyHash && last.text.slice(0, last.text.lastIndexOf('\n\n') + 1) === body) {
    return last;
  }
  const text = await signCheckpoint({ origin: opts.origin, size, rootHash, extensions }, signer);
  const id = Number(
    db
      .prepare('INSERT INTO ledger_checkpoints (origin, tree_size, root_hash, key_name, key_hash, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(opts.origin, size, rootHash, signer.name, signer.keyHash, text).lastInsertRowid,
  );
  return fromRow(db.prepare<[number], CheckpointRow>('SELECT * FROM ledger_checkpoints WHERE id = ?').get(id)!);
}

export function recordAnchorReceipt(db: Db, checkpointId: number, anchor: string, receipt: unknown): void {
  db.prepare('INSERT INTO ledger_anchor_receipts (checkpoint_id, anchor, receipt_json) VALUES (?, ?, ?)').run(checkpointId, anchor, JSON.stringify(receipt));
}

export interface AuditReport {
  size: number;
  checkpoints: number;
}

function tampered(message: string, messageEn: string, details: Record<string, unknown>): CourtError {
  return new CourtError('LEDGER_TAMPERED', { message: `防篡改日志校验失败：${message}`, messageEn: `Ledger audit failed: ${messageEn}`, details });
}

/**
 * Re-derives the whole tree from the stored leaf inputs and checks it against every
 * stored hash and every signed checkpoint. O(n) time and memory: a periodic or
 * before-export audit, not something to run per request.
 */
export function auditLedger(db: Db, verifiers: readonly NoteVerifier[]): AuditReport {
  const rebuilt = new MemoryTree();
  const checkpoints = listCheckpoints(db);
  return db.transaction(() => {
    const rows = db.prepare<[], { idx: number; leaf_input: Buffer; leaf_hash: Buffer }>('SELECT idx, leaf_input, leaf_hash FROM ledger_leaves ORDER BY idx').iterate();
    for (const row of rows) {
      if (row.idx !== rebuilt.size) throw tampered(`第 ${rebuilt.size} 条记录缺失`, `leaf ${rebuilt.size} is missing`, { leafIndex: rebuilt.size });
      const h = leafHash(row.leaf_input);
      if (!sameHash(h, row.leaf_hash)) throw tampered(`第 ${row.idx} 条记录内容与哈希不符`, `leaf ${row.idx} does not match its hash`, { leafIndex: row.idx });
      rebuilt.appendHash(h);
    }
    const nodes = db.prepare<[], { level: number; idx: number; hash: Buffer }>('SELECT level, idx, hash FROM ledger_nodes').iterate();
    for (const n of nodes) {
      let expected: Uint8Array | null = null;
      try {
        expected = rebuilt.perfect(n.level, n.idx);
      } catch {
        expected = null;
      }
      if (!expected || !sameHash(expected, n.hash)) {
        throw tampered(`中间节点 (${n.level}, ${n.idx}) 与记录不符`, `interior node (${n.level}, ${n.idx}) does not match the leaves`, { node: { level: n.level, index: n.idx } });
      }
    }
    for (const cp of checkpoints) {
      const log = verifiers.find((v) => v.name === cp.keyName && v.keyHash === cp.keyHash);
      if (!log) throw new CourtError('LEDGER_UNKNOWN_KEY', { details: { checkpointId: cp.id, key: cp.keyName } });
      const { checkpoint: parsed } = openCheckpoint(cp.text, { origin: cp.origin, log });
      if (parsed.size > rebuilt.size || !sameHash(parsed.rootHash, rebuilt.root(parsed.size)) || parsed.size !== cp.size || !sameHash(parsed.rootHash, cp.rootHash)) {
        throw tampered(`检查点 #${cp.id}（大小 ${parsed.size}）与日志内容不符`, `checkpoint #${cp.id} (size ${parsed.size}) does not match the log`, { checkpointId: cp.id });
      }
    }
    return { size: rebuilt.size, checkpoints: checkpoints.length };
  })();
}
