import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Publishes a signed checkpoint somewhere the workstation cannot rewrite later: the
 * court's judicial blockchain (司法区块链) or, failing that, a write-once share.
 * Once a checkpoint is anchored, any later rewrite of the log before it is detectable
 * by anyone holding the receipt.
 */
export interface AnchorPort {
  /** Short adapter name stored with each receipt, e.g. "file" or "http". */
  readonly name: string;
  anchor(checkpointText: string): Promise<AnchorReceipt>;
}

/**
 * What an anchoring service must return. `checkpointSha256`, when present, must equal the
 * SHA-256 of the exact checkpoint text sent, so a receipt for someone else's checkpoint
 * (or a truncated upload) is caught.
 */
export const anchorReceiptSchema = z.object({
  /** Transaction / evidence id on the anchoring service (存证编号). */
  id: z.string().min(1).max(512),
  /** When the service recorded it, ISO 8601. */
  anchoredAt: z.iso.datetime({ offset: true }),
  checkpointSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  blockHeight: z.number().int().nonnegative().optional(),
  blockHash: z.string().min(1).max(256).optional(),
  /** Where the evidence can be looked up (explorer URL or file path). */
  location: z.string().max(2048).optional(),
});

export type AnchorReceipt = z.infer<typeof anchorReceiptSchema>;

export const checkpointDigest = (checkpointText: string): string => createHash('sha256').update(checkpointText, 'utf8').digest('hex');
