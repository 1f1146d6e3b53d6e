import { z } from 'zod';
import type { Db } from '../store/database.js';
import { enqueueOutbox } from '../store/outbox.js';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * What sync needs to know about one exported e-dossier: opaque bytes named by their sha256,
 * how many pages they hold, and the workstation ledger's signed checkpoint covering the export.
 * The PDF itself and the Merkle ledger are built elsewhere; sync never looks inside either.
 */
export const DossierVersionSchema = z.object({
  /** Stable id the workstation gave the dossier; all its versions share it. */
  dossierId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '卷宗编号为 1–64 位字母、数字、点、下划线或连字符'),
  caseNumber: z.string().trim().min(1).max(64),
  sha256: z.string().regex(SHA256_HEX, 'sha256 应为 64 位小写十六进制'),
  byteLength: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  pageCount: z.number().int().min(1).max(1_000_000),
  /** Signed checkpoint note (core/ledger/checkpoint.ts), sent verbatim; it travels in a tus header, hence the bound. */
  checkpoint: z.string().min(1).max(4096),
});
export type DossierVersion = z.infer<typeof DossierVersionSchema>;

export const DOSSIER_VERSION_TOPIC = 'dossier.version';

/** Queues a dossier version for upload; call inside the transaction that records the export. */
export function enqueueDossierVersion(db: Db, version: DossierVersion): void {
  enqueueOutbox(db, DOSSIER_VERSION_TOPIC, DossierVersionSchema.parse(version));
}

/** The tus resume key: one upload resource per dossier version, whichever server instance serves it. */
export const uploadFingerprint = (v: Pick<DossierVersion, 'dossierId' | 'sha256'>) => `${v.dossierId}:${v.sha256}`;
