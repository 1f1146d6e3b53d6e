import { join } from 'node:path';
import { CourtError } from '../../contract/index.js';
import { isValidKeyName } from './noteKeys.js';

/** The plain key file of `name` in a vault directory (FileKeyVault). */
export function plainKeyFile(dir: string, name: string): string {
  if (!isValidKeyName(name)) {
    throw new CourtError('LEDGER_KEY_INVALID', { message: `密钥名称无效：${name}`, messageEn: `Invalid key name: ${name}` });
  }
  return join(dir, `${encodeURIComponent(name)}.note-key`);
}

/** The OS-encrypted key file of `name` (EncryptedKeyVault), beside where the plain one would be. */
export const encryptedKeyFile = (dir: string, name: string) => `${plainKeyFile(dir, name)}.enc`;
