import { z } from 'zod';
import { CourtError } from '../../core/contract/index.js';
import { DossierVersionSchema, type DossierVersion } from '../../core/sync/dossierVersion.js';

const proofSchema = z
  .string()
  .max(128 * 45)
  .transform((s) => (s === '' ? [] : s.split(',')))
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/)));

const MetadataSchema = z.object({
  dossierId: z.string(),
  caseNumber: z.string(),
  sha256: z.string(),
  byteLength: z.coerce.number(),
  pageCount: z.coerce.number(),
  checkpoint: z.string(),
  proof: proofSchema.optional(),
  /** Set by the server at creation from the token, never taken from the client. */
  workstationId: z.string().optional(),
  userId: z.coerce.number().optional(),
  username: z.string().optional(),
});

export interface StagedVersion {
  version: DossierVersion;
  proof?: Uint8Array[];
  workstationId?: string;
  userId?: number;
  username?: string;
}

export const decodeProof = (proof: readonly string[] | undefined) => proof?.map((p) => new Uint8Array(Buffer.from(p, 'base64')));

/** Validates tus Upload-Metadata (already base64-decoded by @tus/server) as a dossier version. */
export function readUploadMetadata(meta: Record<string, string | null> | undefined): StagedVersion {
  const parsed = MetadataSchema.safeParse(meta ?? {});
  const version = parsed.success ? DossierVersionSchema.safeParse(parsed.data) : null;
  if (!parsed.success || !version?.success) {
    const issues = (parsed.success ? version!.error! : parsed.error).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new CourtError('INVALID_INPUT', {
      message: `上传元数据不完整或无效：${issues.join('；')}`,
      messageEn: `Invalid Upload-Metadata: ${issues.join('; ')}`,
    });
  }
  const d = parsed.data;
  return { version: version.data, proof: decodeProof(d.proof), workstationId: d.workstationId, userId: d.userId, username: d.username };
}
