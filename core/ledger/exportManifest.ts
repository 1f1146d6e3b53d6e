import type { Db } from '../store/database.js';
import type { Ed25519Signer } from './keys/noteKeys.js';
import { exportLeaf, pageLeaf, type ExportedPage } from './leaf.js';
import { appendEntry, checkpoint, findLeaves, inclusionProofAt } from './log.js';
import { toHex } from './merkle/index.js';
import type { Manifest } from './manifest.js';

/**
 * Records an export in the ledger and returns the manifest to embed in the PDF. Pages
 * logged when they were scanned keep that (earlier) leaf; a page the ledger has never
 * seen is logged now, so the manifest still covers it, just from a later time.
 */
export async function buildManifest(
  db: Db,
  signer: Ed25519Signer,
  opts: { origin: string; caseNumber: string; pages: readonly ExportedPage[] },
): Promise<Manifest> {
  // IMMEDIATE: the export worker appends on its own connection while the host writes job progress;
  // a deferred transaction that reads first cannot wait for the lock and fails with SQLITE_BUSY.
  const { pageLeaves, exportIndex } = db.transaction(() => {
    const pageLeaves = opts.pages.map((p) => findLeaves(db, 'page', p.sha256)[0] ?? appendEntry(db, pageLeaf(p.sha256)).index);
    const exportIndex = appendEntry(db, exportLeaf(opts.origin, opts.caseNumber, opts.pages)).index;
    return { pageLeaves, exportIndex };
  }).immediate();
  const cp = await checkpoint(db, signer, { origin: opts.origin });
  const proof = (index: number) => inclusionProofAt(db, index, cp.size).map(toHex);
  return {
    version: 1,
    origin: opts.origin,
    caseNumber: opts.caseNumber,
    checkpoint: cp.text,
    verifierKey: signer.verifierKey,
    export: { leafIndex: exportIndex, inclusionProof: proof(exportIndex) },
    pages: opts.pages.map((p, i) => ({ document: p.document, pageLabel: p.pageLabel, sha256: p.sha256, leafIndex: pageLeaves[i], inclusionProof: proof(pageLeaves[i]) })),
  };
}
