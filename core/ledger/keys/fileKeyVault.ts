import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { CourtError } from '../../contract/index.js';
import { writeFileDurably } from '../../store/durableFile.js';
import { encryptedKeyFile, plainKeyFile } from './keyFiles.js';
import { TextKeyVault } from './textKeyVault.js';

const POSIX = process.platform !== 'win32';

/**
 * Signer keys as note-format text files (PRIVATE+KEY+…), one per key name, mode 0600 in a
 * 0700 directory. Like ssh, a key file that group or others may read, or that another
 * user owns, is refused rather than used. On Windows the ACL of the user profile is what
 * protects the file; POSIX mode bits mean nothing there, so they are not checked.
 */
export class FileKeyVault extends TextKeyVault {
  constructor(private readonly dir: string) {
    super();
  }

  fileFor(name: string): string {
    return plainKeyFile(this.dir, name);
  }

  protected locate(name: string): string {
    return this.fileFor(name);
  }

  /** Public for EncryptedKeyVault, which takes over a key made before the desktop app protected it. */
  readText(name: string): string | null {
    const file = this.fileFor(name);
    let fd: number;
    try {
      fd = openSync(file, constants.O_RDONLY | (POSIX ? constants.O_NOFOLLOW : 0));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // The desktop app keeps this workstation's key encrypted by the OS; making a second key here would split its log.
      if (existsSync(encryptedKeyFile(this.dir, name))) throw new CourtError('LEDGER_KEY_PROTECTED', { details: { file: encryptedKeyFile(this.dir, name) } });
      return null;
    }
    try {
      const st = fstatSync(fd);
      if (POSIX && ((st.mode & 0o077) !== 0 || (process.getuid && st.uid !== process.getuid()))) {
        throw new CourtError('LEDGER_KEY_INSECURE', {
          remedy: `请执行 chmod 600 ${file}，并确认文件属于运行本程序的用户`,
          details: { file, mode: (st.mode & 0o777).toString(8) },
        });
      }
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  }

  protected writeNew(name: string, signerKey: string): void {
    writeFileDurably(this.fileFor(name), `${signerKey}\n`, { mode: 0o600, dirMode: 0o700, exclusive: true });
  }
}
