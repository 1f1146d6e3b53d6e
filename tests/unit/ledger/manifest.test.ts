import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../../core/ledger/checkpoint.js';
import { generateSignerKey, parseSignerKey } from '../../../core/ledger/keys/noteKeys.js';
import { encodeLeaf, exportLeaf, pageLeaf } from '../../../core/ledger/leaf.js';
import { verifyManifest, type Manifest } from '../../../core/ledger/manifest.js';
import { MemoryTree, toHex } from '../../../core/ledger/merkle/index.js';

const origin = 'court.example/ws-01';
const caseNumber = '（2024）苏0508民初1234号';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// Six page masters in three documents, logged between unrelated entries as a real log would be.
const pageBytes = Array.from({ length: 6 }, (_, i) => Buffer.concat([Buffer.from(`page ${i} `), randomBytes(64)]));
const layout = [
  ['起诉状', '1'],
  ['起诉状', '2'],
  ['证据目录', '3'],
  ['证据目录', '4'],
  ['证据目录', '5'],
  ['送达回证', '6'],
] as const;
const pages = pageBytes.map((b, i) => ({ document: layout[i][0], pageLabel: layout[i][1], sha256: sha(b) }));
const key = generateSignerKey(origin);
const otherKey = generateSignerKey(origin);

async function makeManifest(signerKey = key.signerKey): Promise<Manifest> {
  const tree = new MemoryTree();
  const pageIndex = pages.map((p, i) => {
    tree.appendData(encodeLeaf({ kind: 'ocr', subject: `page-${i}`, content: { text: '…' } }));
    return tree.appendData(encodeLeaf(pageLeaf(p.sha256)));
  });
  const exportIndex = tree.appendData(encodeLeaf(exportLeaf(origin, caseNumber, pages)));
  const signer = parseSignerKey(signerKey);
  const checkpoint = await signCheckpoint({ origin, size: tree.size, rootHash: tree.root(), extensions: [] }, signer);
  return {
    version: 1,
    origin,
    caseNumber,
    checkpoint,
    verifierKey: signer.verifierKey,
    export: { leafIndex: exportIndex, inclusionProof: tree.inclusionProof(exportIndex).map(toHex) },
    pages: pages.map((p, i) => ({ ...p, leafIndex: pageIndex[i], inclusionProof: tree.inclusionProof(pageIndex[i]).map(toHex) })),
  };
}

const trust = { trustedVerifierKeys: [key.verifierKey] };

describe('verifyManifest', () => {
  it('finds an untouched dossier intact and names the signer', async () => {
    const m = await makeManifest();
    const verdict = verifyManifest(JSON.parse(JSON.stringify(m)), pageBytes, trust);
    expect(verdict).toMatchObject({ status: 'intact', pages: 6, keyTrusted: true, signer: { name: origin, verifierKey: key.verifierKey } });
    expect(verifyManifest(m, pageBytes)).toMatchObject({ status: 'intact', keyTrusted: false });
  });

  it('reports an altered page with its document', async () => {
    const m = await makeManifest();
    const files = [...pageBytes];
    files[3] = Buffer.from(files[3]).fill(0, 0, 4);
    expect(verifyManifest(m, files, trust)).toMatchObject({ status: 'altered', position: 4, document: '证据目录', pageLabel: '4', expectedSha256: pages[3].sha256 });
  });

  it('reports a removed page', async () => {
    const m = await makeManifest();
    expect(verifyManifest(m, pageBytes.filter((_, i) => i !== 2), trust)).toMatchObject({ status: 'missing', position: 3, document: '证据目录', pageLabel: '3' });
    expect(verifyManifest(m, pageBytes.slice(0, 5), trust)).toMatchObject({ status: 'missing', position: 6, document: '送达回证' });
  });

  it('reports swapped pages', async () => {
    const m = await makeManifest();
    const files = [pageBytes[0], pageBytes[4], pageBytes[2], pageBytes[3], pageBytes[1], pageBytes[5]];
    expect(verifyManifest(m, files, trust)).toMatchObject({ status: 'reordered', position: 2, document: '起诉状', pageLabel: '2' });
  });

  it('reports an inserted page and a page appended at the end', async () => {
    const m = await makeManifest();
    const foreign = Buffer.from('a forged page');
    const inserted = [...pageBytes.slice(0, 1), foreign, ...pageBytes.slice(1)];
    expect(verifyManifest(m, inserted, trust)).toMatchObject({ status: 'added', position: 2, document: '起诉状', actualSha256: sha(foreign) });
    expect(verifyManifest(m, [...pageBytes, foreign], trust)).toMatchObject({ status: 'added', position: 7, document: '送达回证' });
  });

  it('catches a manifest rewritten to match altered pages', async () => {
    const m = await makeManifest();
    const forged = structuredClone(m);
    const files = [...pageBytes];
    files[0] = Buffer.from('replacement');
    forged.pages[0].sha256 = sha(files[0]);
    expect(verifyManifest(forged, files, trust)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_TAMPERED', page: { position: 1, document: '起诉状' } });

    // Reordering pages and manifest together breaks the export leaf, which binds the order.
    const reordered = structuredClone(m);
    [reordered.pages[0], reordered.pages[1]] = [reordered.pages[1], reordered.pages[0]];
    expect(verifyManifest(reordered, [pageBytes[1], pageBytes[0], ...pageBytes.slice(2)], trust)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_TAMPERED' });

    const relabelled = structuredClone(m);
    relabelled.pages[5].document = '判决书';
    expect(verifyManifest(relabelled, pageBytes, trust)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_TAMPERED' });
  });

  it('refuses a manifest signed by a key the caller does not trust, or with a broken checkpoint', async () => {
    const byOther = await makeManifest(otherKey.signerKey);
    expect(verifyManifest(byOther, pageBytes, trust)).toEqual({ status: 'untrusted-key', verifierKey: otherKey.verifierKey });

    const m = await makeManifest();
    const swappedKey = { ...m, verifierKey: otherKey.verifierKey };
    expect(verifyManifest(swappedKey, pageBytes)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_UNKNOWN_KEY' });
    const wrongOrigin = { ...m, origin: 'court.example/ws-02' };
    expect(verifyManifest(wrongOrigin, pageBytes, trust)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_ORIGIN_MISMATCH' });
    const resized = { ...m, checkpoint: m.checkpoint.replace(/\n\d+\n/, '\n99\n') };
    expect(verifyManifest(resized, pageBytes, trust)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_SIGNATURE_INVALID' });
  });

  it('refuses malformed manifests', async () => {
    const m = await makeManifest();
    expect(verifyManifest({ ...m, version: 2 }, pageBytes)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_MANIFEST_INVALID' });
    expect(verifyManifest({ ...m, pages: [] }, pageBytes)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_MANIFEST_INVALID' });
    expect(verifyManifest('not json', pageBytes)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_MANIFEST_INVALID' });
    const badProof = structuredClone(m);
    badProof.pages[0].inclusionProof[0] = 'XYZ';
    expect(verifyManifest(badProof, pageBytes)).toMatchObject({ status: 'invalid-manifest', code: 'LEDGER_MANIFEST_INVALID' });
  });
});
