import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CourtError, type ErrorData } from '../contract/index.js';
import { parseCaseNumber } from '../cases/caseNumber.js';
import type { Db } from '../store/database.js';
import { SyncApi, type ServerConnection } from './apiClient.js';
import { pullAssignments, type AssignmentReport } from './assignments.js';
import { defaultBackoff, type BackoffOptions } from './backoff.js';
import { SyncControl } from './control.js';
import { releaseDrainLease, withDrainLease } from './drainLease.js';
import { DOSSIER_VERSION_TOPIC, DossierVersionSchema, type DossierVersion } from './dossierVersion.js';
import { countPendingOutbox, drainOutbox, type OutboxRow } from './outboxDrain.js';
import type { ProgressListener } from './progress.js';
import { SyncStateSchema, type VersionRecord } from './protocol.js';
import { RateLimiter } from './rateLimiter.js';
import { liveRenewal } from './renewal.js';
import { ensureAccess, forgetToken, hasSignIn, storedSession } from './session.js';
import { getSyncState, workstationId } from './syncState.js';
import { uploadDossierVersion } from './uploadDossier.js';

const MiB = 1024 * 1024;

export interface SyncClientOptions {
  db: Db;
  /** Path of a version's bytes on this workstation (e.g. the BlobStore file of its sha256). */
  resolveSource: (version: DossierVersion) => string;
  /** Overrides the server stored at login (same token; e.g. another instance of the same court server). */
  server?: ServerConnection;
  /** The court's CA for the server stored at login, asked for at each sync (see serverCa.ts). */
  ca?: () => string | Buffer | undefined;
  chunkSize?: number;
  /** Total upload bandwidth for this workstation, bytes per second. */
  bandwidthLimit?: number;
  backoff?: BackoffOptions;
  onProgress?: ProgressListener;
  /**
   * Seam for the ledger: a Merkle consistency proof (raw hashes) from the server's last checkpoint
   * size to this version's. Without it the server records the version as unproven.
   */
  consistencyProof?: (fromSize: number, toSize: number) => Promise<Uint8Array[]>;
  /** Names this client to a concurrent sync of the same store that finds it running (SYNC_BUSY). */
  label?: string;
}

export interface SyncReport {
  ok: boolean;
  server: string;
  workstationId: string;
  uploaded: VersionRecord[];
  events: number;
  pending: number;
  assignments: AssignmentReport | null;
  error?: ErrorData;
}

const EventAnswer = z.object({ accepted: z.literal(true), duplicate: z.boolean() });

function checkpointSize(note: string): number | null {
  const m = /^[^\n]+\n(\d+)\n/.exec(note);
  return m ? Number(m[1]) : null;
}

function caseOf(row: OutboxRow): string | null {
  const p = row.payload as { caseNumber?: unknown; number?: unknown } | null;
  const raw = typeof p?.caseNumber === 'string' ? p.caseNumber : typeof p?.number === 'string' ? p.number : null;
  try {
    return raw ? parseCaseNumber(raw).canonical : null;
  } catch {
    return null;
  }
}

/** One workstation's sync with the court server: push the outbox in order, then pull case assignments. */
export class SyncClient {
  readonly control = new SyncControl();
  private readonly limiter?: RateLimiter;
  /** Names this client in the store's drain lease. */
  private readonly leaseHolder = randomUUID();

  constructor(private readonly opts: SyncClientOptions) {
    if (opts.bandwidthLimit) this.limiter = new RateLimiter(opts.bandwidthLimit);
  }

  pause(): void {
    this.control.pause();
  }

  resume(): void {
    this.control.resume();
  }

  /** For a store about to close: stops the upload in flight (its server offset stays) and frees the drain for others. */
  abandon(): void {
    this.control.pause();
    releaseDrainLease(this.opts.db, this.leaseHolder);
  }

  async sync(opts: { caseNumber?: string; push?: boolean; pull?: boolean } = {}): Promise<SyncReport> {
    const { db } = this.opts;
    // After a logout the server is still known; what is missing is the sign-in.
    const serverUrl = this.opts.server?.url ?? getSyncState(db, 'server_url');
    if (!serverUrl) throw new CourtError('SYNC_NO_SERVER');
    if (!hasSignIn(db)) throw new CourtError('NOT_AUTHENTICATED', { remedy: '请先执行 courtdesk login --server <服务器地址> --user <用户名>' });
    const ws = workstationId(db);
    const api = new SyncApi({
      url: serverUrl,
      ca: this.opts.server?.ca ?? this.opts.ca?.(),
      workstationId: ws,
      token: () => storedSession(db)?.token ?? null,
      backoff: this.opts.backoff,
    });
    const report: SyncReport = { ok: true, server: api.base, workstationId: ws, uploaded: [], events: 0, pending: 0, assignments: null };
    const onlyCase = opts.caseNumber ? parseCaseNumber(opts.caseNumber).canonical : null;
    try {
      // One drain per store at a time, across processes: the UI's background sync and `courtdesk sync` take turns.
      await withDrainLease(db, this.leaseHolder, this.opts.label ?? 'courtdesk sync', async () => {
        const drain = async () => {
          await ensureAccess(db, api);
          if (opts.push !== false) await this.push(api, report, onlyCase);
          if (opts.pull !== false) {
            report.assignments = await pullAssignments(db, api);
            this.opts.onProgress?.({ kind: 'assignments', received: report.assignments.received, conflicts: report.assignments.conflicts.length });
          }
        };
        try {
          await drain();
        } catch (err) {
          // The server no longer knows the token (revoked, or it lapsed sooner than our clock said): renew once and go on.
          if (!(err instanceof CourtError && err.code === 'NOT_AUTHENTICATED') || !liveRenewal(db)) throw err;
          forgetToken(db);
          await drain();
        }
      });
    } catch (err) {
      report.ok = false;
      report.error = (err instanceof CourtError ? err : new CourtError('INTERNAL', { details: { cause: String(err) } })).toData();
    } finally {
      report.pending = countPendingOutbox(db);
      api.close();
    }
    return report;
  }

  private async push(api: SyncApi, report: SyncReport, onlyCase: string | null): Promise<void> {
    const { db } = this.opts;
    let serverCheckpointSize: number | null = null;
    if (this.opts.consistencyProof) {
      serverCheckpointSize = (await api.call('GET', '/api/sync/state', SyncStateSchema)).checkpoint?.size ?? null;
    }
    const env = {
      db,
      api,
      control: this.control,
      chunkSize: this.opts.chunkSize ?? 8 * MiB,
      backoff: this.opts.backoff ?? defaultBackoff,
      limiter: this.limiter,
      onProgress: this.opts.onProgress,
      beforeRequest: () => ensureAccess(db, api),
    };
    await drainOutbox(
      db,
      async (row) => {
        await this.control.untilRunning();
        this.opts.onProgress?.({ kind: 'row', outboxId: row.id, topic: row.topic });
        await ensureAccess(db, api);
        if (row.topic !== DOSSIER_VERSION_TOPIC) {
          await api.call('POST', '/api/sync/events', EventAnswer, { outboxId: row.id, topic: row.topic, payload: row.payload });
          report.events += 1;
          return;
        }
        const version = DossierVersionSchema.parse(row.payload);
        const size = checkpointSize(version.checkpoint);
        let proof: string[] | undefined;
        if (this.opts.consistencyProof && serverCheckpointSize && size && size > serverCheckpointSize) {
          proof = (await this.opts.consistencyProof(serverCheckpointSize, size)).map((h) => Buffer.from(h).toString('base64'));
        }
        const record = await uploadDossierVersion(env, version, this.opts.resolveSource(version), proof);
        if (size !== null) serverCheckpointSize = Math.max(serverCheckpointSize ?? 0, size);
        db.prepare(
          `INSERT INTO sync_versions (dossier_id, sha256, case_number, server_version_id, version_no) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (dossier_id, sha256) DO NOTHING`,
        ).run(record.dossierId, record.sha256, record.caseNumber, record.versionId, record.versionNo);
        report.uploaded.push(record);
      },
      {
        include: onlyCase ? (row) => caseOf(row) === onlyCase : undefined,
        onProgress: (done, total) => this.opts.onProgress?.({ kind: 'outbox', done, total }),
      },
    );
  }
}
