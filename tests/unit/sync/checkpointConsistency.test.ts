import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryTree } from '../../../core/ledger/merkle/index.js';
import { checkConsistency } from '../../../server/ingest/checkpointConsistency.js';

const origin = 'court.example/ws-1';
const tree = new MemoryTree(Array.from({ length: 13 }, (_, i) => Buffer.from(`leaf ${i}`)));
const head = (size: number) => ({ origin, size, rootHash: tree.root(size) });

describe('checkpoint consistency seam', () => {
  it('accepts the first checkpoint of a workstation, unproven', () => {
    expect(checkConsistency(null, head(5), undefined)).toEqual({ ok: true, proven: false });
  });

  it('refuses a smaller tree and another root at the same size', () => {
    expect(checkConsistency(head(7), head(6), undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('shrank') });
    expect(checkConsistency(head(7), { ...head(7), rootHash: randomBytes(32) }, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('different root') });
    expect(checkConsistency(head(7), head(7), undefined)).toEqual({ ok: true, proven: true });
  });

  it('verifies a real consistency proof and refuses a forged one', () => {
    expect(checkConsistency(head(5), head(13), tree.consistencyProof(5, 13))).toEqual({ ok: true, proven: true });
    expect(checkConsistency(head(5), head(13), [randomBytes(32), randomBytes(32)])).toMatchObject({ ok: false });
    const other = new MemoryTree(Array.from({ length: 13 }, (_, i) => Buffer.from(`other ${i}`)));
    expect(checkConsistency(head(5), { origin, size: 13, rootHash: other.root(13) }, tree.consistencyProof(5, 13))).toMatchObject({ ok: false });
  });

  it('accepts growth without a proof as unproven, and refuses a change of origin', () => {
    expect(checkConsistency(head(5), head(9), undefined)).toEqual({ ok: true, proven: false });
    expect(checkConsistency(head(5), { ...head(9), origin: 'court.example/other' }, undefined)).toMatchObject({ ok: false });
  });
});
