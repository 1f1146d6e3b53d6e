import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { workstationIdentity, workstationVerifierKey } from '../../../core/dossier/integrity/workstationLedger.js';
import { EncryptedKeyVault, type KeyCipher } from '../../../core/ledger/keys/encryptedKeyVault.js';
import { FileKeyVault } from '../../../core/ledger/keys/fileKeyVault.js';

/**
 * Electron's safeStorage cannot run without the Electron binary; AES-GCM under a key held only in
 * this process stands in for the OS key store, as it does for the bundle test on a stand-in Electron.
 */
function processCipher(key = randomBytes(32)): KeyCipher {
  return {
    encrypt: (text) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt: (data) => {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => Promise<unknown>) => fn().then(() => undefined, (err: unknown) => (err instanceof CourtError ? err.code : String(err)));
const posix = process.platform !== 'win32';

describe('EncryptedKeyVault', () => {
  it('stores the key only encrypted, 0600, and loads the same key again', async () => {
    const cipher = processCipher();
    const keys = join(dir, 'keys');
    const created = await new EncryptedKeyVault(keys, cipher).loadOrCreate('ws-01');
    expect(readdirSync(keys)).toEqual(['ws-01.note-key.enc']);
    expect(readFileSync(join(keys, 'ws-01.note-key.enc')).includes('PRIVATE+KEY')).toBe(false);
    if (posix) expect(statSync(join(keys, 'ws-01.note-key.enc')).mode & 0o777).toBe(0o600);
    expect((await new EncryptedKeyVault(keys, cipher).load('ws-01'))?.verifierKey).toBe(created.verifierKey);
  });

  it('takes over a plain key file the CLI made earlier: same key, and the plain file is gone', async () => {
    const keys = join(dir, 'keys');
    const before = await new FileKeyVault(keys).loadOrCreate('ws-01');
    const after = await new EncryptedKeyVault(keys, processCipher()).loadOrCreate('ws-01');
    expect(after.verifierKey).toBe(before.verifierKey);
    expect(readdirSync(keys)).toEqual(['ws-01.note-key.enc']);
    // The CLI then says why it cannot sign for this workstation instead of making a second key.
    expect(await codeOf(() => new FileKeyVault(keys).loadOrCreate('ws-01'))).toBe('LEDGER_KEY_PROTECTED');
  });

  it('says the key cannot be decrypted under another OS account instead of replacing it', async () => {
    const keys = join(dir, 'keys');
    await new EncryptedKeyVault(keys, processCipher()).loadOrCreate('ws-01');
    const elsewhere = new EncryptedKeyVault(keys, processCipher());
    expect(await codeOf(() => elsewhere.loadOrCreate('ws-01'))).toBe('LEDGER_KEY_UNREADABLE');
    expect(readdirSync(keys)).toEqual(['ws-01.note-key.enc']);
  });

  it('publishes the workstation’s public key so verification works without the private key', async () => {
    expect(await workstationVerifierKey(dir)).toBeNull();
    const vault = new EncryptedKeyVault(join(dir, 'keys'), processCipher());
    const identity = await workstationIdentity(dir, vault);
    const published = await workstationVerifierKey(dir);
    expect(published).toBe((await vault.load(identity.signerKey.split('+')[2]))?.verifierKey);
  });
});
