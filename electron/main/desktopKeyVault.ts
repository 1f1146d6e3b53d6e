import { safeStorage } from 'electron';
import { join } from 'node:path';
import { defaultKeyVault } from '../../core/dossier/integrity/workstationLedger.js';
import { EncryptedKeyVault } from '../../core/ledger/keys/encryptedKeyVault.js';
import type { KeyVault } from '../../core/ledger/keys/keyVault.js';

/**
 * The ledger signing key encrypted by the OS for this user (DPAPI, Keychain, libsecret/kwallet).
 * Where Linux has no keyring, safeStorage would fall back to a fixed, public key ('basic_text'):
 * that protects nothing, so the key stays a 0600 file as in the CLI, and the log says so.
 */
export function desktopKeyVault(dataDir: string): KeyVault {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown') {
    return new EncryptedKeyVault(join(dataDir, 'keys'), {
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (data) => safeStorage.decryptString(data),
    });
  }
  console.warn(`[courtdesk] 系统密钥库不可用（${backend}），签名私钥以仅本用户可读的文件保存 / no OS key store, keeping the signing key as a 0600 file`);
  return defaultKeyVault(dataDir);
}
