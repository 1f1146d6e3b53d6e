import type { Ed25519Signer } from './noteKeys.js';

/**
 * Where a workstation keeps its ledger signing key. One key per workstation: the
 * checkpoints it signs are attributable to it, and a lost or stolen key only taints
 * that workstation's log.
 *
 * Adapters: FileKeyVault (CLI and servers: a 0600 file in the data dir). The Electron
 * host will add one backed by safeStorage (OS keychain / DPAPI / libsecret) that keeps
 * the same signer-key text encrypted; it lives under electron/, never in core/.
 */
export interface KeyVault {
  /** Returns the signer for `name`, creating and storing a new key the first time. */
  loadOrCreate(name: string): Promise<Ed25519Signer>;
  /** Returns the signer for `name`, or null when none has been created. */
  load(name: string): Promise<Ed25519Signer | null>;
}
