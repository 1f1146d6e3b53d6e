import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CourtError, type StoreVerdictView } from '../../contract/index.js';
import type { BlobStore } from '../../store/blobStore.js';
import type { Db } from '../../store/database.js';
import { workstationVerifierKey } from '../integrity/workstationLedger.js';
import { verifyCaseStore } from '../verify/verifyCaseStore.js';

/** The workstation's own verifier key and those listed in trusted-keys.txt, as `courtdesk verify --case` uses. */
export async function storeVerifierKeys(dataDir: string): Promise<string[]> {
  const keys: string[] = [];
  const own = await workstationVerifierKey(dataDir);
  if (own) keys.push(own);
  const listFile = join(dataDir, 'trusted-keys.txt');
  if (existsSync(listFile)) keys.push(...readFileSync(listFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  return keys;
}

/**
 * 校验 of a case in the local store. A ledger that no longer re-derives to its signed
 * checkpoints is a finding to show, like an altered page, not a failed call.
 */
export async function verifyStoreView(deps: { db: Db; blobs: BlobStore; dataDir: string }, caseNumber: string): Promise<StoreVerdictView> {
  const verifierKeys = await storeVerifierKeys(deps.dataDir);
  const checkedAt = new Date().toISOString();
  try {
    return { ...verifyCaseStore({ db: deps.db, blobs: deps.blobs, verifierKeys }, caseNumber), checkedAt };
  } catch (err) {
    if (err instanceof CourtError && err.code.startsWith('LEDGER_')) return { status: 'ledger', error: err.toData(), checkedAt };
    throw err;
  }
}
