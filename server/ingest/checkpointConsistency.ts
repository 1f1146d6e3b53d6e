import { verifyConsistency } from '../../core/ledger/merkle/verify.js';
import type { CheckpointHead } from './signedCheckpoint.js';

export type Consistency = { ok: true; proven: boolean } | { ok: false; reason: string };

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The seam for Merkle consistency: does `next` extend `previous`, the last checkpoint this
 * workstation sent? A smaller tree, or another root at the same size, is a rollback or a fork and
 * is refused. A larger tree with a proof is checked with core/ledger's RFC 9162 verifier; without a
 * proof it is accepted as unproven (recorded per version) until workstations send proofs.
 */
export function checkConsistency(previous: CheckpointHead | null, next: CheckpointHead, proof: readonly Uint8Array[] | undefined): Consistency {
  if (!previous) return { ok: true, proven: false };
  if (next.origin !== previous.origin) return { ok: false, reason: `origin changed from ${previous.origin} to ${next.origin}` };
  if (next.size < previous.size) return { ok: false, reason: `tree shrank from ${previous.size} to ${next.size}` };
  if (next.size === previous.size) {
    return sameBytes(next.rootHash, previous.rootHash) ? { ok: true, proven: true } : { ok: false, reason: `different root at the same size ${next.size}` };
  }
  // Every tree extends the empty one.
  if (previous.size === 0) return { ok: true, proven: true };
  if (!proof || proof.length === 0) return { ok: true, proven: false };
  return verifyConsistency(previous.size, next.size, proof, previous.rootHash, next.rootHash)
    ? { ok: true, proven: true }
    : { ok: false, reason: `consistency proof from ${previous.size} to ${next.size} does not verify` };
}
