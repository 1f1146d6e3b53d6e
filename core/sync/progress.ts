import type { VersionRecord } from './protocol.js';

interface VersionRef {
  dossierId: string;
  sha256: string;
  caseNumber: string;
}

/** What a sync reports while it runs (CLI progress lines, the UI's progress bar, tests). */
export type SyncProgress =
  /** Sending outbox row `outboxId` starts; progress and failure until the next 'outbox' concern it. */
  | { kind: 'row'; outboxId: number; topic: string }
  | { kind: 'outbox'; done: number; total: number }
  | ({ kind: 'upload'; bytesSent: number; bytesTotal: number } & VersionRef)
  /** The server already had `offset` bytes of this version; sending continues from there. */
  | ({ kind: 'resume'; offset: number; bytesTotal: number } & VersionRef)
  | ({ kind: 'paused' } & VersionRef)
  | ({ kind: 'uploaded'; version: VersionRecord; bytesSent: number } & VersionRef)
  | { kind: 'assignments'; received: number; conflicts: number };

export type ProgressListener = (p: SyncProgress) => void;
