import { CourtError } from '../../contract/index.js';
import type { KeyVault } from './keyVault.js';
import { generateSignerKey, parseSignerKey, type Ed25519Signer } from './noteKeys.js';

/**
 * A vault that keeps each signer key as its note-format text (PRIVATE+KEY+…) somewhere of its own:
 * subclasses say where and how it is protected; reading, checking and first-use creation are here.
 */
export abstract class TextKeyVault implements KeyVault {
  /** The stored text for `name`, or null when there is none. */
  protected abstract readText(name: string): string | null;
  /** Stores a new key unless one landed first (another process); either way the stored one is the key. */
  protected abstract writeNew(name: string, signerKey: string): void;
  /** Where the key for `name` lives, for error details. */
  protected abstract locate(name: string): string;

  async load(name: string): Promise<Ed25519Signer | null> {
    const text = this.readText(name);
    return text === null ? null : this.parse(name, text);
  }

  async signerKey(name: string): Promise<string> {
    let text = this.readText(name);
    if (text === null) {
      this.writeNew(name, generateSignerKey(name).signerKey);
      text = this.readText(name)!;
    }
    this.parse(name, text);
    return text.trim();
  }

  async loadOrCreate(name: string): Promise<Ed25519Signer> {
    return this.parse(name, await this.signerKey(name));
  }

  private parse(name: string, text: string): Ed25519Signer {
    const signer = parseSignerKey(text.trim());
    if (signer.name !== name) {
      throw new CourtError('LEDGER_KEY_INVALID', {
        message: `私钥中的名称为 ${signer.name}，应为 ${name}`,
        messageEn: `Key names ${signer.name}, expected ${name}`,
        details: { file: this.locate(name) },
      });
    }
    return signer;
  }
}
