import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { CourtError } from '../../contract/index.js';
import { writeFileDurably } from '../../store/durableFile.js';
import { FileKeyVault } from './fileKeyVault.js';
import { encryptedKeyFile, plainKeyFile } from './keyFiles.js';
import { TextKeyVault } from './textKeyVault.js';

/** Encryption the operating system does for this user (Electron's safeStorage: DPAPI, Keychain, libsecret). */
export interface KeyCipher {
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * Signer keys encrypted with a key only this OS account can use, so a copied data directory or
 * backup does not carry a usable signing key. Files are still 0600 in a 0700 directory. A plain
 * key file left by the CLI before the desktop app ran is taken over: encrypted, then removed.
 */
export class EncryptedKeyVault extends TextKeyVault {
  constructor(
    private readonly dir: string,
    private readonly cipher: KeyCipher,
  ) {
    super();
  }

  protected locate(name: string): string {
    return encryptedKeyFile(this.dir, name);
  }

  protected readText(name: string): string | null {
    const file = encryptedKeyFile(this.dir, name);
    const plain = plainKeyFile(this.dir, name);
    if (!existsSync(file)) {
      const before = existsSync(plain) ? new FileKeyVault(this.dir).readText(name) : null;
      if (before === null) return null;
      this.writeNew(name, before.trim());
    }
    let text: string;
    try {
      text = this.cipher.decrypt(readFileSync(file));
    } catch (err) {
      throw new CourtError('LEDGER_KEY_UNREADABLE', { details: { file, why: err instanceof Error ? err.message : String(err) } });
    }
    // Removed only once the encrypted copy reads back as the same key (also after a crash mid-way).
    if (existsSync(plain) && new FileKeyVault(this.dir).readText(name)?.trim() === text.trim()) unlinkSync(plain);
    return text;
  }

  protected writeNew(name: string, signerKey: string): void {
    writeFileDurably(encryptedKeyFile(this.dir, name), this.cipher.encrypt(signerKey), { mode: 0o600, dirMode: 0o700, exclusive: true });
  }
}
