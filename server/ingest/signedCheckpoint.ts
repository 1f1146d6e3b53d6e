import { CourtError } from '../../core/contract/index.js';
import { openCheckpoint, parseCheckpointBody } from '../../core/ledger/checkpoint.js';
import { parseVerifierKey } from '../../core/ledger/keys/noteKeys.js';

export interface CheckpointHead {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

/**
 * Reads the signed checkpoint a workstation sent. With the workstation's ledger key on file the
 * signature is verified (and the origin pinned); without one only the body is read, and the
 * consistency rules below are what protect the server.
 */
export function readCheckpoint(note: string, ledgerKey: string | null, pinnedOrigin: string | null): CheckpointHead {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new CourtError('LEDGER_CHECKPOINT_MALFORMED', { messageEn: 'Malformed checkpoint: no signature block' });
  const body = parseCheckpointBody(note.slice(0, split + 1));
  const origin = pinnedOrigin ?? body.origin;
  if (ledgerKey) {
    const { checkpoint } = openCheckpoint(note, { origin, log: parseVerifierKey(ledgerKey) });
    return { origin: checkpoint.origin, size: checkpoint.size, rootHash: checkpoint.rootHash };
  }
  if (body.origin !== origin) {
    throw new CourtError('LEDGER_ORIGIN_MISMATCH', { details: { origin: body.origin, expected: origin } });
  }
  return { origin: body.origin, size: body.size, rootHash: body.rootHash };
}
