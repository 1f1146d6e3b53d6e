import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FileKeyVault } from '../../ledger/keys/fileKeyVault.js';
import type { KeyVault } from '../../ledger/keys/keyVault.js';
import type { Ed25519Signer } from '../../ledger/keys/noteKeys.js';

const IdentitySchema = z.object({ id: z.string().uuid(), createdOn: z.string() });

export interface WorkstationLedger {
  origin: string;
  signer: Ed25519Signer;
}

/**
 * The workstation's log identity: a stable id made at first use (hostnames change), the
 * origin line its checkpoints carry, and its signing key from the key vault.
 */
export async function workstationLedger(dataDir: string, vault: KeyVault = new FileKeyVault(join(dataDir, 'keys'))): Promise<WorkstationLedger> {
  const file = join(dataDir, 'workstation.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify({ id: randomUUID(), createdOn: hostname() }, null, 2), { flag: 'wx' });
    } catch (err) {
      // Another process made it first; use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const { id } = readIdentity(file);
  return { origin: `courtdesk/${id}`, signer: await vault.loadOrCreate(keyNameFor(id)) };
}

const keyNameFor = (id: string) => `courtdesk-${id.slice(0, 8)}`;
const readIdentity = (file: string) => IdentitySchema.parse(JSON.parse(readFileSync(file, 'utf8')));

/** The workstation's key name without creating anything; null before its first export. */
export function workstationKeyName(dataDir: string): string | null {
  const file = join(dataDir, 'workstation.json');
  return existsSync(file) ? keyNameFor(readIdentity(file).id) : null;
}
