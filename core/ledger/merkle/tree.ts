import { EMPTY_ROOT, leafHash, nodeHash } from './hash.js';

/**
 * Hashes of the perfect subtrees of a log: level 0 holds leaf hashes, and node
 * (level, index) covers leaves [index·2^level, (index+1)·2^level). Only complete
 * subtrees exist, so a log's storage never has to rewrite a node once written.
 */
export interface PerfectNodes {
  perfect(level: number, index: number): Uint8Array;
}

/** Largest power of two strictly less than n (n ≥ 2): the RFC 6962 split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2(n) when n is a power of two, else -1. Plain arithmetic: bitwise operators stop at 2^31. */
export function exactLog2(n: number): number {
  const l = Math.round(Math.log2(n));
  return n > 0 && 2 ** l === n ? l : -1;
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
}

/**
 * MTH(D[start:end]) per RFC 6962 §2.1, from stored perfect subtrees.
 * Every range the RFC recursion asks for starts at a multiple of a power of two at
 * least as large as the range, so it is a run of perfect subtrees of falling size,
 * folded from the right.
 */
export function rangeRoot(nodes: PerfectNodes, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  const level = exactLog2(n);
  const k = level >= 0 ? n : splitPoint(n);
  if (start % k !== 0 || n < 0) throw new RangeError(`[${start}, ${end}) is not a subtree of an RFC 6962 tree`);
  if (level >= 0) return nodes.perfect(level, start / n);
  return nodeHash(nodes.perfect(exactLog2(k), start / k), rangeRoot(nodes, start + k, end));
}

/** The tree head of the first `size` leaves. */
export function treeRoot(nodes: PerfectNodes, size: number): Uint8Array {
  checkSize(size, 'tree size');
  return rangeRoot(nodes, 0, size);
}

/** PATH(m, D[n]) of RFC 6962 §2.1.1: the audit path for leaf `index` in the tree of `size` leaves, deepest first. */
export function inclusionProof(nodes: PerfectNodes, index: number, size: number): Uint8Array[] {
  checkSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf index ${index} is outside a tree of ${size} leaves`);
  let start = 0;
  let end = size;
  const siblings: Uint8Array[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(rangeRoot(nodes, start + k, end));
      end = start + k;
    } else {
      siblings.push(rangeRoot(nodes, start, start + k));
      start += k;
    }
  }
  // Collected top-down; the RFC lists the path from the leaf upwards.
  return siblings.reverse();
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2 (SUBPROOF with b = true), for 0 < size1 ≤ size2. */
export function consistencyProof(nodes: PerfectNodes, size1: number, size2: number): Uint8Array[] {
  checkSize(size1, 'old tree size');
  checkSize(size2, 'new tree size');
  if (size1 === 0 || size1 > size2) throw new RangeError(`no consistency proof from ${size1} to ${size2} leaves`);
  const siblings: Uint8Array[] = [];
  let m = size1;
  let start = 0;
  let end = size2;
  let completeOldRoot = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!completeOldRoot) siblings.push(rangeRoot(nodes, start, end));
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      siblings.push(rangeRoot(nodes, start + k, end));
      end = start + k;
    } else {
      siblings.push(rangeRoot(nodes, start, start + k));
      m -= k;
      start += k;
      completeOldRoot = false;
    }
  }
  return siblings.reverse();
}

/** An in-memory log: the same node layout the SQLite store keeps, for tests, tools and small exports. */
export class MemoryTree implements PerfectNodes {
  private readonly levels: Uint8Array[][] = [[]];

  constructor(leafData: Iterable<Uint8Array> = []) {
    for (const d of leafData) this.appendData(d);
  }

  get size(): number {
    return this.levels[0].length;
  }

  appendData(data: Uint8Array): number {
    return this.appendHash(leafHash(data));
  }

  appendHash(hash: Uint8Array): number {
    const index = this.levels[0].length;
    this.levels[0].push(hash);
    let level = 0;
    let i = index;
    let h = hash;
    while (i % 2 === 1) {
      h = nodeHash(this.levels[level][i - 1], h);
      level += 1;
      i = (i - 1) / 2;
      (this.levels[level] ??= []).push(h);
    }
    return index;
  }

  perfect(level: number, index: number): Uint8Array {
    const h = this.levels[level]?.[index];
    if (!h) throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    return h;
  }

  root(size = this.size): Uint8Array {
    if (size > this.size) throw new RangeError(`tree has ${this.size} leaves, not ${size}`);
    return treeRoot(this, size);
  }

  inclusionProof(index: number, size = this.size): Uint8Array[] {
    if (size > this.size) throw new RangeError(`tree has ${this.size} leaves, not ${size}`);
    return inclusionProof(this, index, size);
  }

  consistencyProof(size1: number, size2 = this.size): Uint8Array[] {
    if (size2 > this.size) throw new RangeError(`tree has ${this.size} leaves, not ${size2}`);
    return consistencyProof(this, size1, size2);
  }
}
