import { z } from 'zod';
import { CaseRefSchema } from './case.js';
import { DownloadTicketSchema } from './dossier.js';
import { ScanPageSchema, StartScanInputSchema } from './scanning.js';

const caseNumber = CaseRefSchema.shape.number;
const pageId = z.number().int().positive();

export const PageInCaseSchema = z.object({ case: caseNumber, pageId });

export const RotatePageInputSchema = PageInCaseSchema.extend({
  /** Clockwise. */
  degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]),
});

export const MovePageInputSchema = PageInCaseSchema.extend({
  /** The page's number in the case once moved (1-based). */
  to: z.number().int().positive(),
});

export const RestorePageInputSchema = z.object({ case: caseNumber, removalId: z.number().int().positive() });

/** Scans one page on the device and puts it in place of this one. */
export const RescanPageInputSchema = StartScanInputSchema.omit({ case: true }).extend(PageInCaseSchema.shape);

/** A scan whose pages land after page `after` (0: before the first) instead of at the end. */
export const InsertScanInputSchema = StartScanInputSchema.extend({ after: z.number().int().nonnegative() });

export const PageOrderSchema = z.array(z.object({ pageId: z.number().int(), position: z.number().int() }));

/** What an edit leaves: the case's page order, the page as it now is, and after a removal what 撤销 passes back. */
export const PageEditResultSchema = z.object({
  order: PageOrderSchema,
  page: ScanPageSchema.nullable(),
  removalId: z.number().int().nullable(),
});
export type PageEditResult = z.infer<typeof PageEditResultSchema>;

/** The printed 收件回执, offered as a download like an exported dossier. */
export const ReceiptTicketSchema = DownloadTicketSchema.extend({
  /** 回执编号 as printed. */
  number: z.string(),
  pages: z.number().int(),
  issuedAt: z.string(),
});
export type ReceiptTicket = z.infer<typeof ReceiptTicketSchema>;
