import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CourtError } from '../../contract/index.js';
import { writeFileDurably } from '../../store/durableFile.js';
import type { KeyVault } from './keyVault.js';
import { generateSignerKey, isValidKeyName, parseSignerKey, type Ed25519Signer } from './noteKeys.js';

const POSIX = process.platform !== 'win32';

/**
 * Signer keys as note-format text files (PRIVATE+KEY+…), one per key name, mode 0600 in a
 * 0700 directory. Like ssh, a key file that group or others may read, or that another
 * user owns, is refused rather than used. On Windows the ACL of the user profile is what
 * protects the file; POSIX mode bits mean nothing there, so they are not checked.
 */
export class FileKeyVault implements KeyVault {
  constructor(private readonly dir: string) {}

  fileFor(name: string): string {
    if (!isValidKeyName(name)) {
      throw new CourtError('LEDGER_KEY_INVALID', { message: `密钥名称无效：${name}`, messageEn: `Invalid key name: ${name}` });
    }
    return join(this.dir, `${encodeURIComponent(name)}.note-key`);
  }

  async load(name: string): Promise<Ed25519Signer | null> {
    const file = this.fileFor(name);
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | (POSIX ? constants.O_NOFOLLOW : 0));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const st = fstatSync(fd);
      if (POSIX && ((st.mode & 0o077) !== 0 || (process.getuid && st.uid !== process.getuid()))) {
        throw new CourtError('LEDGER_KEY_INSECURE', {
          remedy: `请执行 chmod 600 ${file}，并确认文件属于运行本程序的用户`,
          details: { file, mode: (st.mode & 0o777).toString(8) },
        });
      }
      const signer = parseSignerKey(readFileSync(fd, 'utf8').trim());
      if (signer.name !== name) {
        throw new CourtError('LEDGER_KEY_INVALID', { message: `私钥文件中的名称为 ${signer.name}，应为 ${name}`, messageEn: `Key file names ${signer.name}, expected ${name}`, details: { file } });
      }
      return signer;
    } finally {
      closeSync(fd);
    }
  }

  async loadOrCreate(name: string): Promise<Ed25519Signer> {
    const existing = await this.load(name);
    if (existing) return existing;
    const { signerKey } = generateSignerKey(name);
    writeFileDurably(this.fileFor(name), `${signerKey}\n`, { mode: 0o600, dirMode: 0o700, exclusive: true });
    // Another process may have won the race; whichever file landed is the key.
    return (await this.load(name))!;
  }
}
