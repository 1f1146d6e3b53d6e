import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../../store/durableFile.js';
import { FileKeyVault } from '../../ledger/keys/fileKeyVault.js';
import { plainKeyFile } from '../../ledger/keys/keyFiles.js';
import type { KeyVault } from '../../ledger/keys/keyVault.js';
import { parseSignerKey, type Ed25519Signer } from '../../ledger/keys/noteKeys.js';

const IdentitySchema = z.object({ id: z.string().uuid(), createdOn: z.string() });

export interface WorkstationLedger {
  origin: string;
  signer: Ed25519Signer;
}

/** The plain key file vault in the data dir: what the CLI and servers use. */
export const defaultKeyVault = (dataDir: string): KeyVault => new FileKeyVault(join(dataDir, 'keys'));

/** A stable id made at first use (hostnames change); the origin line of the workstation's checkpoints derives from it. */
function workstationId(dataDir: string): string {
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
  return readIdentity(file).id;
}

const verifierKeyFile = (dataDir: string, name: string) => `${plainKeyFile(join(dataDir, 'keys'), name)}.vkey`;

/**
 * The public half beside the vault, so that 校验 and `courtdesk verify` never need the private key
 * (which the desktop app keeps encrypted where the CLI cannot read it).
 */
function publishVerifierKey(dataDir: string, signer: Ed25519Signer): void {
  const file = verifierKeyFile(dataDir, signer.name);
  if (!existsSync(file)) writeFileDurably(file, `${signer.verifierKey}\n`, { mode: 0o644, dirMode: 0o700, exclusive: true });
}

/** The workstation's log identity: its origin line and its signing key from the key vault. */
export async function workstationLedger(dataDir: string, vault: KeyVault = defaultKeyVault(dataDir)): Promise<WorkstationLedger> {
  const id = workstationId(dataDir);
  const signer = await vault.loadOrCreate(keyNameFor(id));
  publishVerifierKey(dataDir, signer);
  return { origin: `courtdesk/${id}`, signer };
}

/** The identity as plain data, for a worker thread that cannot reach the vault (Electron's safeStorage lives in the main thread). */
export async function workstationIdentity(dataDir: string, vault: KeyVault): Promise<{ origin: string; signerKey: string }> {
  const id = workstationId(dataDir);
  const signerKey = await vault.signerKey(keyNameFor(id));
  publishVerifierKey(dataDir, parseSignerKey(signerKey));
  return { origin: `courtdesk/${id}`, signerKey };
}

/** The workstation's own verifier key; null before its first export. */
export async function workstationVerifierKey(dataDir: string): Promise<string | null> {
  const name = workstationKeyName(dataDir);
  if (!name) return null;
  const file = verifierKeyFile(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  // A store from before the public key was kept apart: its plain key file still holds it.
  return (await defaultKeyVault(dataDir).load(name))?.verifierKey ?? null;
}

export const ledgerFromIdentity = (identity: { origin: string; signerKey: string }): WorkstationLedger => ({
  origin: identity.origin,
  signer: parseSignerKey(identity.signerKey),
});

const keyNameFor = (id: string) => `courtdesk-${id.slice(0, 8)}`;
const readIdentity = (file: string) => IdentitySchema.parse(JSON.parse(readFileSync(file, 'utf8')));

/** The workstation's key name without creating anything; null before its first export. */
export function workstationKeyName(dataDir: string): string | null {
  const file = join(dataDir, 'workstation.json');
  return existsSync(file) ? keyNameFor(readIdentity(file).id) : null;
}
