import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseVerifierKey } from '../../ledger/keys/noteKeys.js';
import { auditLedger, findLeaves } from '../../ledger/log.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { loadDossier } from '../model.js';

export type StoreVerdict =
  | { status: 'intact'; pages: number; ledgerSize: number; checkpoints: number }
  | { status: 'altered' | 'missing' | 'unlogged'; position: number; document: string; sha256: string };

/**
 * Checks a case in the local store: every page file still hashes to its recorded sha256 and is
 * in the ledger, and the ledger itself re-derives to every signed checkpoint (auditLedger throws
 * LEDGER_TAMPERED otherwise).
 */
export function verifyCaseStore(deps: { db: Db; blobs: BlobStore; verifierKeys: readonly string[] }, caseNumber: string): StoreVerdict {
  const audit = auditLedger(deps.db, deps.verifierKeys.map(parseVerifierKey));
  const model = loadDossier(deps.db, caseNumber);
  let position = 0;
  for (const d of model.documents) {
    for (const p of d.pages) {
      position += 1;
      const where = { position, document: d.title, sha256: p.sha256 };
      const file = deps.blobs.pathOf(p.sha256);
      if (!existsSync(file)) return { status: 'missing', ...where };
      if (createHash('sha256').update(readFileSync(file)).digest('hex') !== p.sha256) return { status: 'altered', ...where };
      if (findLeaves(deps.db, 'page', p.sha256).length === 0) return { status: 'unlogged', ...where };
    }
  }
  return { status: 'intact', pages: position, ledgerSize: audit.size, checkpoints: audit.checkpoints };
}
