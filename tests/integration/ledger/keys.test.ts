import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CourtError } from '../../../core/contract/index.js';
import { FileKeyVault } from '../../../core/ledger/keys/fileKeyVault.js';
import { parseVerifierKey } from '../../../core/ledger/keys/noteKeys.js';
import { signNote, openNote } from '../../../core/ledger/note.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'courtdesk-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return err instanceof CourtError ? err.code : `non-court error: ${String(err)}`;
  }
  return undefined;
}

const posix = process.platform !== 'win32';

describe('FileKeyVault', () => {
  it('creates a 0600 key in a 0700 directory once, then loads the same key', async () => {
    const vault = new FileKeyVault(join(dir, 'keys'));
    expect(await vault.load('court.example/ws-01')).toBeNull();
    const created = await vault.loadOrCreate('court.example/ws-01');
    const file = vault.fileFor('court.example/ws-01');
    expect(readdirSync(join(dir, 'keys'))).toEqual(['court.example%2Fws-01.note-key']);
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    }
    expect(readFileSync(file, 'utf8')).toMatch(/^PRIVATE\+KEY\+court\.example\/ws-01\+[0-9a-f]{8}\+\S+\n$/);
    const again = await new FileKeyVault(join(dir, 'keys')).loadOrCreate('court.example/ws-01');
    expect(again.verifierKey).toBe(created.verifierKey);

    const signed = await signNote('hello\n', [again]);
    expect(openNote(signed, [parseVerifierKey(created.verifierKey)]).sigs).toHaveLength(1);
  });

  it.runIf(posix)('refuses a key file that group or others can read, like ssh', async () => {
    const vault = new FileKeyVault(dir);
    await vault.loadOrCreate('ws-01');
    chmodSync(vault.fileFor('ws-01'), 0o644);
    expect(await codeOf(() => vault.load('ws-01'))).toBe('LEDGER_KEY_INSECURE');
    expect(await codeOf(() => vault.loadOrCreate('ws-01'))).toBe('LEDGER_KEY_INSECURE');
    chmodSync(vault.fileFor('ws-01'), 0o600);
    expect(await vault.load('ws-01')).not.toBeNull();
  });

  it('refuses a corrupted key file and a key stored under another name', async () => {
    const vault = new FileKeyVault(dir);
    writeFileSync(vault.fileFor('ws-01'), 'PRIVATE+KEY+ws-01+00000000+AAAA\n', { mode: 0o600 });
    expect(await codeOf(() => vault.load('ws-01'))).toBe('LEDGER_KEY_INVALID');
    const other = await vault.loadOrCreate('ws-02');
    writeFileSync(vault.fileFor('ws-03'), readFileSync(vault.fileFor('ws-02')), { mode: 0o600 });
    expect(other.name).toBe('ws-02');
    expect(await codeOf(() => vault.load('ws-03'))).toBe('LEDGER_KEY_INVALID');
    expect(await codeOf(() => vault.load('bad name'))).toBe('LEDGER_KEY_INVALID');
  });
});
