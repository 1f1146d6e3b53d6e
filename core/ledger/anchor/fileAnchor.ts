import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CourtError } from '../../contract/index.js';
import { writeFileDurably } from '../../store/durableFile.js';
import { checkpointDigest, type AnchorPort, type AnchorReceipt } from './anchorPort.js';

/**
 * Copies each checkpoint into a directory, named by its SHA-256, so anchoring the same
 * checkpoint twice is harmless. Worth something only when the directory is out of the
 * workstation's reach afterwards: a WORM share, removable media that is sealed, or a
 * folder another system collects from.
 */
export class FileAnchor implements AnchorPort {
  readonly name = 'file';

  constructor(private readonly dir: string) {}

  async anchor(checkpointText: string): Promise<AnchorReceipt> {
    const digest = checkpointDigest(checkpointText);
    const target = join(this.dir, `${digest}.checkpoint`);
    try {
      if (!existsSync(target)) writeFileDurably(target, checkpointText, { mode: 0o644 });
    } catch (err) {
      throw new CourtError('LEDGER_ANCHOR_FAILED', {
        message: `检查点写入存证目录失败：${(err as Error).message}`,
        messageEn: `Could not write the checkpoint to ${this.dir}: ${(err as Error).message}`,
        details: { dir: this.dir },
      });
    }
    return { id: digest, anchoredAt: new Date().toISOString(), checkpointSha256: digest, location: target };
  }
}
