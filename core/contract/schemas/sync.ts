import { z } from 'zod';
import { PartySchema } from './case.js';
import { CourtErrorDataSchema } from './scanning.js';

/** One dossier version on its way to the court server. */
export const SyncQueueItemSchema = z.object({
  outboxId: z.number().int(),
  dossierId: z.string(),
  caseNumber: z.string(),
  sha256: z.string(),
  pageCount: z.number().int(),
  /** failed: the last attempt stopped here (the queue waits behind it, so nothing is sent out of order). */
  state: z.enum(['waiting', 'uploading', 'done', 'failed']),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  /** The number the server gave this version, once confirmed. */
  versionNo: z.number().int().nullable(),
  queuedAt: z.string(),
  doneAt: z.string().nullable(),
  error: CourtErrorDataSchema.nullable(),
});
export type SyncQueueItem = z.infer<typeof SyncQueueItemSchema>;

/** A process other than this one holding the store's drain (e.g. `courtdesk sync`). */
export const SyncHolderSchema = z.object({ label: z.string(), pid: z.number().int(), host: z.string(), since: z.string() });

export const SyncStatusSchema = z.object({
  /** The court server last signed in to; null before the first connection. */
  server: z.string().nullable(),
  username: z.string().nullable(),
  workstationId: z.string(),
  /** Holds a live token, or a renewal credential that gets one without the password (background sync runs only then). */
  signedIn: z.boolean(),
  tokenExpiresAt: z.string().nullable(),
  /** Background sync renews the token without the password until then; after it the password is needed again. */
  renewalExpiresAt: z.string().nullable().optional(),
  /** unknown: not tried since the workstation started. */
  connection: z.enum(['online', 'offline', 'unknown']),
  lastContactAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** When the background sync tries next (sooner after a change, later after repeated failures). */
  nextAttemptAt: z.string().nullable(),
  lastError: CourtErrorDataSchema.nullable(),
  paused: z.boolean(),
  /** A sync of this workstation is under way in this process. */
  running: z.boolean(),
  elsewhere: SyncHolderSchema.nullable(),
  /** Outbox rows not yet confirmed by the server (dossier versions and other changes). */
  pending: z.number().int(),
  /** Waiting and failed versions in sending order, then the most recently confirmed ones. */
  queue: z.array(SyncQueueItemSchema),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SyncConnectInputSchema = z.object({
  server: z.string().trim().min(1, '请填写服务器地址').max(300),
  username: z.string().trim().min(1, '请填写用户名').max(64),
  password: z.string().min(1, '请填写密码').max(128),
});
export type SyncConnectInput = z.infer<typeof SyncConnectInputSchema>;

/** How a conflict was decided; the 同步 page explains each rule. */
export const conflictRules = ['server-wins'] as const;

const conflictBase = { caseNumber: z.string(), detectedAt: z.string(), rule: z.enum(conflictRules) };

/** A case field the workstation had edited and the court's case-management system changed too. */
export const SyncConflictSchema = z.discriminatedUnion('field', [
  z.object({ ...conflictBase, field: z.literal('title'), local: z.string(), server: z.string() }),
  z.object({ ...conflictBase, field: z.literal('parties'), local: z.array(PartySchema), server: z.array(PartySchema) }),
]);
export type SyncConflict = z.infer<typeof SyncConflictSchema>;

export const SyncConflictsInputSchema = z.object({ number: z.string().trim().min(1).max(64).optional() }).default({});
