import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  leafHash,
  MemoryTree,
  nodeHash,
  rangeRoot,
  rootFromInclusionProof,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../../core/ledger/merkle/index.js';

// Published vectors; see each file's "source" field for where every value comes from.
const fixtures = new URL('../../fixtures/ledger/', import.meta.url);
const rfc = JSON.parse(readFileSync(new URL('rfc6962-vectors.json', fixtures), 'utf8')) as {
  leaves: string[];
  nodeHashes: string[][];
  rootsBySize: string[];
  inclusion: { leafIndex: number; treeSize: number; proof: string[] }[];
  consistency: { size1: number; size2: number; proof: string[] }[];
  hasher: Record<'emptyRoot' | 'emptyLeaf' | 'leafL123456' | 'nodeN123N456', string>;
  subtreeRollingHashes: { maxSize: number; subtreeHash: string; subtreeInclusionProof: string };
};
type Probe = { file: string; desc: string; wantErr: boolean; proof: string[] | null };
const probes = JSON.parse(readFileSync(new URL('transparency-dev-probes.json', fixtures), 'utf8')) as {
  inclusion: (Probe & { leafIdx: number; treeSize: number; root: string | null; leafHash: string | null })[];
  consistency: (Probe & { size1: number; size2: number; root1: string | null; root2: string | null })[];
};

const hex = (h: string) => Buffer.from(h, 'hex');
const b64 = (h: string | null) => Buffer.from(h ?? '', 'base64');
const hexes = (hs: Uint8Array[]) => hs.map(toHex);
const leaves = rfc.leaves.map(hex);
const tree8 = new MemoryTree(leaves);

function flipBit(h: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(h);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}

describe('RFC 6962 hashing', () => {
  it('matches the published hasher vectors', () => {
    expect(toHex(EMPTY_ROOT)).toBe(rfc.hasher.emptyRoot);
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(leafHash(new Uint8Array()))).toBe(rfc.hasher.emptyLeaf);
    expect(toHex(leafHash(Buffer.from('L123456')))).toBe(rfc.hasher.leafL123456);
    expect(toHex(nodeHash(Buffer.from('N123'), Buffer.from('N456')))).toBe(rfc.hasher.nodeN123N456);
  });

  it('builds every published subtree hash and the tree head of every size 0..8', () => {
    rfc.nodeHashes.forEach((level, l) => level.forEach((h, i) => expect(toHex(tree8.perfect(l, i))).toBe(h)));
    rfc.rootsBySize.forEach((root, size) => expect(toHex(tree8.root(size)), `size ${size}`).toBe(root));
    // Appending one by one gives the same heads as building all at once.
    const grown = new MemoryTree();
    leaves.forEach((l, i) => {
      grown.appendData(l);
      expect(toHex(grown.root())).toBe(rfc.rootsBySize[i + 1]);
    });
  });

  it('reproduces the draft-ietf-plants-merkle-tree-certs accumulated subtree vectors', () => {
    const max = rfc.subtreeRollingHashes.maxSize;
    const entries = Array.from({ length: max }, (_, i) => Uint8Array.of(i));
    const tree = new MemoryTree(entries);
    const validSubtree = (start: number, end: number) => start === 0 || start === end || start % 2 ** Math.ceil(Math.log2(end - start)) === 0;
    const hashes = createHash('sha256');
    const proofs = createHash('sha256');
    for (let end = 0; end <= max; end++) {
      for (let start = 0; start <= end; start++) {
        if (!validSubtree(start, end)) continue;
        hashes.update(`[${start}, ${end}) ${toHex(rangeRoot(tree, start, end))}\n`);
        if (start === end) continue;
        const sub = new MemoryTree(entries.slice(start, end));
        for (let index = start; index < end; index++) {
          proofs.update(`${index} [${start}, ${end})${sub.inclusionProof(index - start).map((h) => ` ${toHex(h)}`).join('')}\n`);
        }
      }
    }
    expect(hashes.digest('hex')).toBe(rfc.subtreeRollingHashes.subtreeHash);
    expect(proofs.digest('hex')).toBe(rfc.subtreeRollingHashes.subtreeInclusionProof);
  });
});

describe('inclusion proofs', () => {
  it('generates exactly the published audit paths, and they verify', () => {
    for (const v of rfc.inclusion) {
      const proof = tree8.inclusionProof(v.leafIndex, v.treeSize);
      expect(hexes(proof), `leaf ${v.leafIndex} of ${v.treeSize}`).toEqual(v.proof);
      expect(verifyInclusion(v.leafIndex, v.treeSize, leafHash(leaves[v.leafIndex]), v.proof.map(hex), hex(rfc.rootsBySize[v.treeSize]))).toBe(true);
    }
  });

  it('rejects a flipped bit, a wrong index, a wrong size, a wrong leaf', () => {
    const [index, size] = [5, 8];
    const proof = tree8.inclusionProof(index, size);
    const leaf = leafHash(leaves[index]);
    const root = tree8.root(size);
    expect(verifyInclusion(index, size, leaf, proof, root)).toBe(true);
    for (let p = 0; p < proof.length; p++) {
      for (const bit of [0, 77, 255]) {
        const bad = proof.map((h, j) => (j === p ? flipBit(h, bit) : h));
        expect(verifyInclusion(index, size, leaf, bad, root)).toBe(false);
      }
    }
    expect(verifyInclusion(index, size, leaf, proof, flipBit(root, 3))).toBe(false);
    expect(verifyInclusion(index, size, flipBit(leaf, 200), proof, root)).toBe(false);
    expect(verifyInclusion(4, size, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, 4, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, 16, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(index, 7, leaf, proof, tree8.root(7))).toBe(false);
    expect(verifyInclusion(index, size, leafHash(leaves[4]), proof, root)).toBe(false);
    expect(verifyInclusion(index, size, leaf, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(index, size, leaf, [...proof, proof[0]], root)).toBe(false);
    expect(verifyInclusion(index, size, leaf, proof.map((h) => h.subarray(1)), root)).toBe(false);
    expect(verifyInclusion(size, size, leaf, proof, root)).toBe(false);
  });

  it.each(probes.inclusion.map((p) => [p.file, p] as const))('transparency-dev probe %s', (_file, p) => {
    const ok = verifyInclusion(p.leafIdx, p.treeSize, b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root));
    expect(ok).toBe(!p.wantErr);
  });
});

describe('consistency proofs', () => {
  it('generates exactly the published proofs, and they verify', () => {
    for (const v of rfc.consistency) {
      const proof = tree8.consistencyProof(v.size1, v.size2);
      expect(hexes(proof), `${v.size1} → ${v.size2}`).toEqual(v.proof);
      expect(verifyConsistency(v.size1, v.size2, v.proof.map(hex), hex(rfc.rootsBySize[v.size1]), hex(rfc.rootsBySize[v.size2]))).toBe(true);
    }
  });

  it('rejects a flipped bit, wrong sizes, swapped roots', () => {
    const [m, n] = [6, 8];
    const proof = tree8.consistencyProof(m, n);
    const [r1, r2] = [tree8.root(m), tree8.root(n)];
    expect(verifyConsistency(m, n, proof, r1, r2)).toBe(true);
    proof.forEach((_, p) => expect(verifyConsistency(m, n, proof.map((h, j) => (j === p ? flipBit(h, 9) : h)), r1, r2)).toBe(false));
    expect(verifyConsistency(m, n, proof, flipBit(r1, 0), r2)).toBe(false);
    expect(verifyConsistency(m, n, proof, r1, flipBit(r2, 0))).toBe(false);
    expect(verifyConsistency(5, n, proof, r1, r2)).toBe(false);
    expect(verifyConsistency(m, 16, proof, r1, r2)).toBe(false);
    expect(verifyConsistency(m, 7, proof, r1, tree8.root(7))).toBe(false);
    expect(verifyConsistency(m, n, proof, r2, r1)).toBe(false);
    expect(verifyConsistency(m, n, [], r1, r2)).toBe(false);
    expect(verifyConsistency(0, n, proof, EMPTY_ROOT, r2)).toBe(false);
  });

  it.each(probes.consistency.map((p) => [p.file, p] as const))('transparency-dev probe %s', (_file, p) => {
    const ok = verifyConsistency(p.size1, p.size2, (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2));
    expect(ok).toBe(!p.wantErr);
  });
});

describe('property: every proof of random trees up to 300 leaves verifies, a tampered one fails', () => {
  const entries = Array.from({ length: 300 }, (_, i) => randomBytes(1 + (i % 40)));
  const full = new MemoryTree(entries);
  // A naive MTH straight from the RFC's definition, to check the node-cache arithmetic against.
  const naiveRoot = (d: Uint8Array[]): Uint8Array => {
    if (d.length === 0) return EMPTY_ROOT;
    if (d.length === 1) return leafHash(d[0]);
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return nodeHash(naiveRoot(d.slice(0, k)), naiveRoot(d.slice(k)));
  };
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 129, 255, 256, 257, 300, ...Array.from({ length: 8 }, () => 1 + Math.floor(Math.random() * 300))];

  it.each(sizes)('size %i', (size) => {
    const root = full.root(size);
    expect(toHex(root)).toBe(toHex(naiveRoot(entries.slice(0, size))));
    for (let i = 0; i < size; i++) {
      const leaf = leafHash(entries[i]);
      const proof = full.inclusionProof(i, size);
      expect(verifyInclusion(i, size, leaf, proof, root)).toBe(true);
      expect(toHex(rootFromInclusionProof(i, size, leaf, proof)!)).toBe(toHex(root));
      if (proof.length > 0) {
        const p = i % proof.length;
        expect(verifyInclusion(i, size, leaf, proof.map((h, j) => (j === p ? flipBit(h, i % 256) : h)), root)).toBe(false);
      }
      expect(verifyInclusion(i, size, flipBit(leaf, 1), proof, root)).toBe(false);
    }
    for (let m = 1; m <= size; m++) {
      const proof = full.consistencyProof(m, size);
      const old = full.root(m);
      expect(verifyConsistency(m, size, proof, old, root)).toBe(true);
      if (proof.length > 0) {
        const p = m % proof.length;
        expect(verifyConsistency(m, size, proof.map((h, j) => (j === p ? flipBit(h, m % 256) : h)), old, root)).toBe(false);
      }
      if (m < size) expect(verifyConsistency(m, size, proof, flipBit(old, 7), root)).toBe(false);
    }
  });
});
