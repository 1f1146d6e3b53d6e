import { z } from 'zod';
import { CaseSchema } from './case.js';
import { CourtErrorDataSchema } from './scanning.js';

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const OutlinePageSchema = z.object({
  pageId: z.number().int(),
  /** 1-based page number in the e-dossier's body, as its page labels and the 校验 verdict count. */
  position: z.number().int().positive(),
  sha256: Sha256Schema,
  mediaType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().int(),
});
export type OutlinePage = z.infer<typeof OutlinePageSchema>;

export const OutlineDocumentSchema = z.object({
  title: z.string(),
  category: z.string().nullable(),
  firstPage: z.number().int().positive(),
  lastPage: z.number().int().positive(),
  pages: z.array(OutlinePageSchema),
});
export type OutlineDocument = z.infer<typeof OutlineDocumentSchema>;

/** The case's documents in catalogue order, exactly as the e-dossier will hold them. */
export const DossierOutlineSchema = z.object({
  case: CaseSchema,
  pages: z.number().int().nonnegative(),
  documents: z.array(OutlineDocumentSchema),
});
export type DossierOutline = z.infer<typeof DossierOutlineSchema>;

export const PageRefSchema = z.object({ pageId: z.number().int().positive() });

export const PageThumbnailSchema = z.object({
  pageId: z.number().int(),
  /** A JPEG about 120 px wide as a data: URL; null when the page file cannot be read. */
  thumbnail: z.string().startsWith('data:image/').nullable(),
});
export type PageThumbnail = z.infer<typeof PageThumbnailSchema>;

/** What a finished export job's result holds. */
export const ExportJobResultSchema = z.object({
  file: z.string(),
  fileName: z.string(),
  pages: z.number().int(),
  documents: z.number().int(),
  bytes: z.number().int(),
  sha256: Sha256Schema,
  /** What the case held when exported (core/dossier/desk/contentFingerprint.ts); equal next time: the file is offered again. */
  fingerprint: Sha256Schema.optional(),
  /**
   * Single use: GET /download/<id> on the web host, app://courtdesk/download/<id> in the desktop
   * app. Left out of job.state events, which every signed-in window receives; dossier.download
   * issues another.
   */
  downloadId: z.string().optional(),
  downloadExpiresAt: z.string().optional(),
});
export type ExportJobResult = z.infer<typeof ExportJobResultSchema>;

export const DownloadTicketSchema = z.object({ downloadId: z.string(), fileName: z.string(), expiresAt: z.string() });
export type DownloadTicket = z.infer<typeof DownloadTicketSchema>;

export const pageProblems = ['altered', 'missing', 'unlogged'] as const;

/** 校验 of the case in the workstation's store. */
export const StoreVerdictSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('intact'), pages: z.number().int(), ledgerSize: z.number().int(), checkpoints: z.number().int(), checkedAt: z.string() }),
  z.object({
    status: z.enum(pageProblems),
    /** 1-based position in the dossier body (OutlinePage.position). */
    position: z.number().int(),
    document: z.string(),
    sha256: Sha256Schema,
    checkedAt: z.string(),
  }),
  /** The ledger itself does not re-derive to its signed checkpoints (or they cannot be checked). */
  z.object({ status: z.literal('ledger'), error: CourtErrorDataSchema, checkedAt: z.string() }),
]);
export type StoreVerdictView = z.infer<typeof StoreVerdictSchema>;

export const LedgerEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('export'), at: z.string(), leafIndex: z.number().int(), pages: z.number().int() }),
  z.object({ type: z.literal('checkpoint'), at: z.string(), id: z.number().int(), size: z.number().int(), rootHash: z.string(), keyName: z.string() }),
]);
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** The 防篡改日志 as it concerns one case: its export entries and the signed checkpoints covering its entries, newest first. */
export const DossierLedgerSchema = z.object({
  treeSize: z.number().int(),
  pagesLogged: z.number().int(),
  pagesTotal: z.number().int(),
  entries: z.array(LedgerEntrySchema),
});
export type DossierLedger = z.infer<typeof DossierLedgerSchema>;
