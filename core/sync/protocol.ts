import { z } from 'zod';
import { PartySchema } from '../contract/schemas/case.js';
import { DossierVersionSchema } from './dossierVersion.js';

// Wire shapes shared by the server (server/) and the workstation's sync client, so both sides validate the same thing.

export const WORKSTATION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  /** Binds the token to this workstation; omitted by service accounts such as the case-management system. */
  workstationId: z.string().regex(WORKSTATION_ID).optional(),
  workstationName: z.string().trim().max(100).optional(),
  /** The workstation ledger's verifier key; trusted on first enrolment, then pinned. */
  ledgerKey: z.string().max(300).optional(),
  /** Ask for a fresh scrypt verifier for offline sign-in (costs the server one more scrypt). */
  offlineVerifier: z.boolean().optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/**
 * Issued with a workstation-bound login: single use, it buys a fresh token (and its successor) without the
 * password while the workstation was offline for longer than a token lives (POST /api/token/renew).
 */
export const RenewalCredentialSchema = z.object({ token: z.string(), expiresAt: z.string() });

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()) }),
  workstationId: z.string().nullable(),
  offlineVerifier: z.string().optional(),
  renewal: RenewalCredentialSchema.optional(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

const OpaqueToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export const RenewRequestSchema = z.object({
  workstationId: z.string().regex(WORKSTATION_ID),
  renewalToken: OpaqueToken,
  /** The same for every retry of one renewal, so a retry whose first answer was lost is not taken for a stolen copy. */
  retryKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
});
export type RenewRequest = z.infer<typeof RenewRequestSchema>;

export const RenewResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), renewal: RenewalCredentialSchema });
export type RenewResponse = z.infer<typeof RenewResponseSchema>;

/** Sign-out by the renewal credential, for a workstation whose token has lapsed. */
export const LogoutRequestSchema = z.object({ workstationId: z.string().regex(WORKSTATION_ID), renewalToken: OpaqueToken }).partial();

export const VersionRecordSchema = z.object({
  versionId: z.number().int(),
  dossierId: z.string(),
  caseNumber: z.string(),
  sha256: z.string(),
  versionNo: z.number().int(),
  byteLength: z.number().int(),
  pageCount: z.number().int(),
  workstationId: z.string(),
  ingestedAt: z.string(),
  /** True when this answer repeats an earlier ingest instead of making one. */
  replayed: z.boolean(),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

const Base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

/** Confirms a version whose bytes the server holds (a finished upload, or a blob it already had). */
export const CommitRequestSchema = DossierVersionSchema.extend({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional(),
  /** Merkle consistency proof from the server's last checkpoint of this workstation to this one. */
  proof: z.array(Base64Hash).max(128).optional(),
});
export type CommitRequest = z.infer<typeof CommitRequestSchema>;

export const SyncStateSchema = z.object({
  workstationId: z.string(),
  checkpoint: z.object({ origin: z.string(), size: z.number().int(), rootHash: z.string() }).nullable(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

/** An outbox row other than a dossier version; the server keeps it once per (workstation, outbox id). */
export const EventRequestSchema = z.object({
  outboxId: z.number().int().positive(),
  topic: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/),
  payload: z.unknown(),
});

export const JudgeSchema = z.object({ name: z.string().trim().min(1).max(50), role: z.string().trim().min(1).max(20) });
export type Judge = z.infer<typeof JudgeSchema>;

export const AssigneeSchema = z.object({ kind: z.enum(['user', 'workstation']), id: z.string().trim().min(1).max(64) });

/** The fields the court's case-management system owns; the server's value wins for these. */
export const AssignedCaseSchema = z.object({
  number: z.string().trim().min(1).max(64),
  title: z.string().trim().max(200).default(''),
  parties: z.array(PartySchema).max(50).default([]),
  judges: z.array(JudgeSchema).max(20).default([]),
});
export type AssignedCase = z.infer<typeof AssignedCaseSchema>;

export const PushAssignmentsSchema = z.object({
  cases: z.array(AssignedCaseSchema.extend({ assignees: z.array(AssigneeSchema).max(50) })).min(1).max(500),
});
export type PushAssignments = z.input<typeof PushAssignmentsSchema>;

export const AssignmentItemSchema = z.object({ seq: z.number().int(), revoked: z.boolean(), case: AssignedCaseSchema });
export type AssignmentItem = z.infer<typeof AssignmentItemSchema>;

export const AssignmentsPageSchema = z.object({ items: z.array(AssignmentItemSchema), next: z.number().int(), more: z.boolean() });

export const DossierListSchema = z.object({
  dossiers: z.array(
    z.object({
      dossierId: z.string(),
      caseNumber: z.string(),
      versions: z.array(VersionRecordSchema.omit({ replayed: true })),
    }),
  ),
});

/** Every error answer from the server: the same ErrorData the rest of CourtDesk uses. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    remedy: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** tus Upload-Metadata keys; values travel base64-encoded as the protocol requires. */
export const uploadMetadataKeys = ['dossierId', 'caseNumber', 'sha256', 'byteLength', 'pageCount', 'checkpoint', 'proof'] as const;
