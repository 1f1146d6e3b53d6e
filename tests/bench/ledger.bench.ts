// Ledger throughput: appends, proofs, checkpoints, each beside a baseline from the same run.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, signCheckpoint } from '../../core/ledger/checkpoint.js';
import { generateSignerKey, parseSignerKey, parseVerifierKey } from '../../core/ledger/keys/noteKeys.js';
import { encodeLeaf } from '../../core/ledger/leaf.js';
import { appendLeaf, auditLedger, checkpoint, inclusionProofAt, rootAt } from '../../core/ledger/log.js';
import { MemoryTree, leafHash, verifyInclusion } from '../../core/ledger/merkle/index.js';
import { openDatabase } from '../../core/store/database.js';

const LEAVES = 100_000;
const BATCH = 1_000;
const PROOFS = 2_000;
const CHECKPOINTS = 500;

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export default async function bench(): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-ledger-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    const origin = 'bench.courtdesk/ws';
    const signer = parseSignerKey(generateSignerKey(origin).signerKey);
    const verifier = parseVerifierKey(signer.verifierKey);
    const shaOf = (i: number) => createHash('sha256').update(`page master ${i}`).digest('hex');
    const inputs = Array.from({ length: LEAVES }, (_, i) => encodeLeaf({ kind: 'page', subject: shaOf(i), content: new Uint8Array(0) }));

    const rawMs = time(() => {
      for (const input of inputs) createHash('sha256').update(input).digest();
    });
    const appendMs = time(() => {
      for (let start = 0; start < LEAVES; start += BATCH) {
        db.transaction(() => {
          for (let i = start; i < start + BATCH; i++) appendLeaf(db, 'page', shaOf(i), new Uint8Array(0));
        })();
      }
    });
    const single = 1_000;
    const singleMs = time(() => {
      for (let i = 0; i < single; i++) appendLeaf(db, 'ocr', `single-${i}`, { i });
    });
    const size = LEAVES + single;

    const memory = new MemoryTree();
    const memoryBuildMs = time(() => {
      for (const input of inputs) memory.appendHash(leafHash(input));
    });
    const picks = Array.from({ length: PROOFS }, () => Math.floor(Math.random() * LEAVES));
    const root = rootAt(db, size);
    let verified = 0;
    const proofMs = time(() => {
      for (const i of picks) {
        const proof = inclusionProofAt(db, i, size);
        const leaf = leafHash(inputs[i]);
        if (verifyInclusion(i, size, leaf, proof, root)) verified += 1;
      }
    });
    if (verified !== PROOFS) throw new Error(`only ${verified}/${PROOFS} proofs verified`);
    const memoryRoot = memory.root(LEAVES);
    const memoryProofMs = time(() => {
      for (const i of picks) verifyInclusion(i, LEAVES, memory.perfect(0, i), memory.inclusionProof(i), memoryRoot);
    });
    const rootMs = time(() => {
      for (let k = 0; k < 100; k++) rootAt(db, size - k);
    });

    const cp = { origin, size, rootHash: root, extensions: [] };
    const texts: string[] = [];
    const signMs = await timeAsync(async () => {
      for (let k = 0; k < CHECKPOINTS; k++) texts.push(await signCheckpoint({ ...cp, size: size - k }, signer));
    });
    const verifyMs = time(() => {
      for (const t of texts) openCheckpoint(t, { origin, log: verifier });
    });
    const { privateKey } = generateKeyPairSync('ed25519');
    const body = Buffer.from(texts[0].split('\n\n')[0] + '\n');
    const rawSignMs = time(() => {
      for (let k = 0; k < CHECKPOINTS; k++) sign(null, body, privateKey);
    });
    const publicKey = createPublicKey(privateKey);
    const rawSig = sign(null, body, privateKey);
    const rawVerifyMs = time(() => {
      for (let k = 0; k < CHECKPOINTS; k++) verify(null, body, publicKey, rawSig);
    });
    await checkpoint(db, signer, { origin });
    const auditMs = time(() => auditLedger(db, [verifier]));

    const how = `${LEAVES} page leaves in a temp SQLite (WAL) file, node ${process.version}`;
    return [
      { name: 'ledger.append_leaves_per_second', value: perSecond(LEAVES, appendMs), baseline: perSecond(LEAVES, rawMs), ratio: +(rawMs / appendMs).toFixed(4), unit: 'leaves/s', how: `${how}, ${BATCH} appends per transaction; baseline: bare sha256 of the same leaf inputs` },
      { name: 'ledger.append_own_transaction_per_second', value: perSecond(single, singleMs), baseline: perSecond(LEAVES, appendMs), ratio: +(appendMs / LEAVES / (singleMs / single)).toFixed(4), unit: 'leaves/s', how: `${single} appends each committing alone on top of the 100k log; baseline: batched appends above` },
      { name: 'ledger.inclusion_proofs_per_second', value: perSecond(PROOFS, proofMs), baseline: perSecond(PROOFS, memoryProofMs), ratio: +(memoryProofMs / proofMs).toFixed(4), unit: 'proofs/s', how: `${PROOFS} random leaves of a ${size}-leaf stored log, proof generated from stored nodes and verified (RFC 9162); baseline: the same on an in-memory tree (built in ${Math.round(memoryBuildMs)} ms)` },
      { name: 'ledger.tree_head_ms', value: +(rootMs / 100).toFixed(3), unit: 'ms', how: `root of a ${size}-leaf stored log, mean of 100 sizes` },
      { name: 'ledger.checkpoint_sign_per_second', value: perSecond(CHECKPOINTS, signMs), baseline: perSecond(CHECKPOINTS, rawSignMs), ratio: +(rawSignMs / signMs).toFixed(4), unit: 'checkpoints/s', how: 'format + Ed25519 sign + note encoding; baseline: bare crypto.sign of the same body' },
      { name: 'ledger.checkpoint_verify_per_second', value: perSecond(CHECKPOINTS, verifyMs), baseline: perSecond(CHECKPOINTS, rawVerifyMs), ratio: +(rawVerifyMs / verifyMs).toFixed(4), unit: 'checkpoints/s', how: 'openCheckpoint: note parse, Ed25519 verify, body parse, origin check; baseline: bare crypto.verify of the same body' },
      { name: 'ledger.audit_seconds', value: +(auditMs / 1000).toFixed(3), unit: 's', how: `auditLedger over ${size} leaves: rehash every leaf, compare every stored node, verify the checkpoint` },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
