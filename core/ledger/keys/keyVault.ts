import type { Ed25519Signer } from './noteKeys.js';

/**
 * Where a workstation keeps its ledger signing key. One key per workstation: the
 * checkpoints it signs are attributable to it, and a lost or stolen key only taints
 * that workstation's log.
 *
 * Adapters: FileKeyVault (CLI and servers: a 0600 file in the data dir) and EncryptedKeyVault
 * (the desktop app: the same text encrypted by the OS through Electron's safeStorage). The
 * composition root picks one and hands it to the core; everything that signs uses that one.
 */
export interface KeyVault {
  /** Returns the signer for `name`, creating and storing a new key the first time. */
  loadOrCreate(name: string): Promise<Ed25519Signer>;
  /** Returns the signer for `name`, or null when none has been created. */
  load(name: string): Promise<Ed25519Signer | null>;
  /** The key's note-format text (creating it the first time), for a worker thread that signs on the core's behalf. */
  signerKey(name: string): Promise<string>;
}
