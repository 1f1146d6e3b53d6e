import { z } from 'zod';
import { CourtErrorDataSchema } from './scanning.js';

export const jobStates = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobState = (typeof jobStates)[number];
export const jobKinds = ['scan', 'import', 'ocr', 'export', 'sync'] as const;
export const JobKindSchema = z.enum(jobKinds);
export type JobKind = z.infer<typeof JobKindSchema>;

/** Ended jobs; the others may still change. */
export const finishedJobStates: readonly JobState[] = ['done', 'failed', 'cancelled', 'interrupted'];

export const JobSchema = z.object({
  id: z.string(),
  kind: JobKindSchema,
  /** What the job works on, e.g. the 案号 of an export. */
  subject: z.string(),
  state: z.enum(jobStates),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  message: z.string(),
  /** What the work produced; its shape depends on kind (ExportJobResultSchema for export). */
  result: z.record(z.string(), z.unknown()).nullable(),
  error: CourtErrorDataSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const ListJobsInputSchema = z.object({
  subject: z.string().trim().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const JobRefSchema = z.object({ jobId: z.string().uuid() });
