import { z } from 'zod';
import { CourtErrorDataSchema } from '../../contract/index.js';

export const ExportWorkerDataSchema = z.object({
  dataDir: z.string(),
  caseNumber: z.string(),
  out: z.string(),
  actor: z.string(),
  identity: z.object({ origin: z.string(), signerKey: z.string() }),
  sqliteBinding: z.string().optional(),
  /** Shared with the parent: it stores 1 to ask the worker to stop at the next page. */
  cancelFlag: z.custom<Int32Array<SharedArrayBuffer>>((v) => v instanceof Int32Array && v.buffer instanceof SharedArrayBuffer),
});
export type ExportWorkerData = z.infer<typeof ExportWorkerDataSchema>;

export const ExportWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int(), total: z.number().int() }),
  z.object({
    type: z.literal('done'),
    result: z.object({
      case: z.string(),
      file: z.string(),
      sha256: z.string(),
      pages: z.number().int(),
      documents: z.number().int(),
      bytes: z.number().int(),
      signed: z.boolean(),
    }),
  }),
  z.object({ type: z.literal('failed'), error: CourtErrorDataSchema }),
]);
export type ExportWorkerMessage = z.infer<typeof ExportWorkerMessageSchema>;
