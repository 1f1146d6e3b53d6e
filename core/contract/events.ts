import { z } from 'zod';
import { JobKindSchema, JobSchema } from './schemas/jobs.js';
import { ScanPageEventSchema, ScanStateEventSchema } from './schemas/scanning.js';
import { SyncStatusSchema } from './schemas/sync.js';

/** Progress of a long job (scan, OCR, export, sync), pushed from host to renderer. */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  kind: JobKindSchema,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const eventSchemas = {
  'job.progress': JobProgressSchema,
  'cases.changed': z.object({ number: z.string() }),
  'scan.page': ScanPageEventSchema,
  'scan.state': ScanStateEventSchema,
  /** A job of the jobs table was queued, started or ended; carries the whole row. */
  'job.state': JobSchema,
  /** The 同步 status changed: connection, queue progress, pause (at most a few times a second). */
  'sync.state': SyncStatusSchema,
} as const;

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const eventNames = Object.keys(eventSchemas) as EventName[];
