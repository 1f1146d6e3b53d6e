import { z } from 'zod';
import { manifestSchema } from '../../ledger/manifest.js';
import { FrameSchema } from './frames.js';

export const INTEGRITY_ATTACHMENT = 'courtdesk-integrity.json';

/**
 * What an exported dossier carries so that anyone can verify it offline from the file alone:
 * the ledger manifest (page hashes, signed checkpoint, inclusion proofs), how many front-matter
 * pages precede the page masters, and each page's frame.
 */
export const IntegrityAttachmentSchema = z.object({
  format: z.literal('courtdesk-dossier-integrity'),
  version: z.literal(1),
  frontPages: z.number().int().nonnegative().max(1000),
  manifest: manifestSchema,
  frames: z.array(FrameSchema),
});
export type IntegrityAttachment = z.infer<typeof IntegrityAttachmentSchema>;
