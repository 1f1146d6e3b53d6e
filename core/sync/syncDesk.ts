import { hostname } from 'node:os';
import { CourtError, type ErrorData } from '../contract/index.js';
import { SyncConflictSchema, type SyncConflict, type SyncConnectInput, type SyncStatus } from '../contract/schemas/sync.js';
import { workstationLedger } from '../dossier/integrity/workstationLedger.js';
import { ProgressThrottle } from '../jobs/progressThrottle.js';
import type { KeyVault } from '../ledger/keys/keyVault.js';
import { consistencyProofAt } from '../ledger/log.js';
import type { EventBus } from '../rpc/eventBus.js';
import type { BlobStore } from '../store/blobStore.js';
import type { Db } from '../store/database.js';
import { listConflicts } from './assignments.js';
import { backoffDelays, type BackoffOptions } from './backoff.js';
import { leaseHolder } from './drainLease.js';
import { countPendingOutbox } from './outboxDrain.js';
import type { SyncProgress } from './progress.js';
import { serverCa } from './serverCa.js';
import { liveRenewal } from './renewal.js';
import { forgetToken, hasSignIn, login, logout, storedSession } from './session.js';
import { SyncClient, type SyncReport } from './syncClient.js';
import { syncQueue, type LiveQueue } from './syncQueue.js';
import { clearSyncState, getSyncState, setSyncState, workstationId } from './syncState.js';

export interface SyncDeskOptions {
  /** Drain on a timer (interactive hosts). `courtdesk sync` drains on its own and leaves this off. */
  background: boolean;
  /** Between drains while all is well; each drain also pulls assignments, so this is how fresh they are. */
  intervalMs: number;
  /** The wait after the n-th failed drain in a row is this backoff's n-th delay. */
  retry: BackoffOptions;
  /** Retries of each request within a drain: few, so a server going away shows as offline within seconds. */
  requestBackoff: BackoffOptions;
  chunkSize?: number;
  /** Upload bandwidth of the background sync, bytes per second. */
  bandwidthLimit?: number;
}

export const defaultSyncDeskOptions: SyncDeskOptions = {
  background: false,
  intervalMs: 30_000,
  retry: { baseMs: 5_000, capMs: 5 * 60_000, attempts: 32 },
  requestBackoff: { baseMs: 250, capMs: 2_000, attempts: 4 },
};

export interface SyncDeskDeps {
  db: Db;
  blobs: BlobStore;
  events: EventBus;
  dataDir: string;
  /** Where the workstation's ledger key lives (the desktop app's OS-encrypted vault), as for exports. */
  keyVault: KeyVault;
  options?: Partial<SyncDeskOptions>;
}

/** Failures that say the server could not be reached at all (rather than that it refused something). */
const OFFLINE_CODES = new Set(['SYNC_UNREACHABLE', 'SYNC_TLS_UNTRUSTED']);
/** Soon after an export, so its version goes while the operator is still looking. */
const AFTER_CHANGE_MS = 500;
const PUBLISH_EVERY_MS = 250;

/** The server's plain refusal, said in terms of what the operator connected with. */
function explain(error: ErrorData): ErrorData {
  if (error.code !== 'FORBIDDEN') return error;
  return new CourtError('SYNC_ACCOUNT_NOT_ALLOWED', { details: error.details }).toData();
}

const nowIso = () => new Date().toISOString();

/**
 * What the 同步 page drives: the connection to the court server, a background drain of the
 * outbox while the workstation is signed in (one at a time, also against `courtdesk sync` through
 * the store's drain lease), pause/resume, the queue with per-version progress, and conflicts.
 */
export class SyncDesk {
  private readonly opts: SyncDeskOptions;
  private readonly client: SyncClient;
  private readonly throttle: ProgressThrottle<null>;
  private running: Promise<void> | null = null;
  /** A change arrived while a drain ran: drain again right after it. */
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private nextAt: number | null = null;
  private failures = 0;
  /** Counts connects and disconnects, so a drain of an earlier sign-in does not report its refusal as news. */
  private signIns = 0;
  private closed = false;
  private online: boolean | null = null;
  private lastContactAt: string | null = null;
  private lastAttemptAt: string | null = null;
  private lastError: ErrorData | null = null;
  private readonly live: LiveQueue = { current: null, failed: null };
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SyncDeskDeps) {
    this.opts = { ...defaultSyncDeskOptions, ...deps.options };
    const { db, blobs } = deps;
    this.client = new SyncClient({
      db,
      resolveSource: (v) => blobs.pathOf(v.sha256),
      backoff: this.opts.requestBackoff,
      chunkSize: this.opts.chunkSize,
      bandwidthLimit: this.opts.bandwidthLimit,
      consistencyProof: async (from, to) => consistencyProofAt(db, from, to),
      ca: () => serverCa(deps.dataDir),
      onProgress: (p) => this.onProgress(p),
      label: '工作站界面的后台同步',
    });
    if (this.paused) this.client.pause();
    this.throttle = new ProgressThrottle(() => this.publish(), PUBLISH_EVERY_MS);
    // An export queues its version in the outbox before its job is reported done.
    this.unsubscribe = deps.events.on('job.state', (job) => {
      if (job.kind === 'export' && job.state === 'done') this.changed();
    });
    if (this.opts.background) this.schedule(AFTER_CHANGE_MS);
  }

  private get paused(): boolean {
    return getSyncState(this.deps.db, 'paused') === '1';
  }

  /** A live token, or a renewal credential that gets one without the password. */
  private get signedIn(): boolean {
    return hasSignIn(this.deps.db);
  }

  status(): SyncStatus {
    const { db } = this.deps;
    const signedIn = this.signedIn;
    const paused = this.paused;
    const token = storedSession(db);
    return {
      server: getSyncState(db, 'server_url'),
      username: getSyncState(db, 'username'),
      workstationId: workstationId(db),
      signedIn,
      tokenExpiresAt: token && Date.parse(token.expiresAt) > Date.now() ? token.expiresAt : null,
      renewalExpiresAt: liveRenewal(db)?.expiresAt ?? null,
      connection: this.online === null ? 'unknown' : this.online ? 'online' : 'offline',
      lastContactAt: this.lastContactAt,
      lastAttemptAt: this.lastAttemptAt,
      nextAttemptAt: signedIn && !paused && !this.running && this.nextAt !== null ? new Date(this.nextAt).toISOString() : null,
      lastError: this.lastError,
      paused,
      running: this.running !== null,
      // While a drain of ours runs, the lease is ours.
      elsewhere: this.running ? null : leaseHolder(db),
      pending: countPendingOutbox(db),
      queue: syncQueue(db, this.live),
    };
  }

  /** Signs the workstation in to the court server, as `courtdesk login` does, and starts syncing. */
  async connect(input: SyncConnectInput): Promise<SyncStatus> {
    const { db, dataDir, keyVault } = this.deps;
    // The server pins this workstation's ledger key at first login and checks every later checkpoint against it.
    const { signer } = await workstationLedger(dataDir, keyVault);
    try {
      await login(db, {
        url: input.server,
        ca: serverCa(dataDir),
        username: input.username,
        password: input.password,
        ledgerKey: signer.verifierKey,
        workstationName: hostname(),
        offline: true,
      });
      this.signIns += 1;
    } catch (err) {
      // The form shows why; the light only learns whether the server answered at all.
      if (err instanceof CourtError) {
        this.online = !OFFLINE_CODES.has(err.code);
        if (this.online) this.lastContactAt = nowIso();
      }
      this.publishNow();
      throw err;
    }
    this.noteContact();
    this.failures = 0;
    if (!this.paused) void this.drain();
    this.publishNow();
    return this.status();
  }

  /** Revokes the token on the server (when reachable) and stops background sync until the next connection. */
  async disconnect(): Promise<SyncStatus> {
    this.signIns += 1;
    await logout(this.deps.db, { ca: serverCa(this.deps.dataDir) });
    this.online = null;
    this.lastError = null;
    this.live.failed = null;
    this.publishNow();
    return this.status();
  }

  syncNow(): SyncStatus {
    const { db } = this.deps;
    if (!getSyncState(db, 'server_url')) throw new CourtError('SYNC_NO_SERVER', { remedy: '请在“同步”页填写服务器地址、账号和密码后点击“连接”' });
    if (!this.signedIn) throw new CourtError('SYNC_NOT_SIGNED_IN');
    if (this.paused) throw new CourtError('SYNC_PAUSED');
    // A drain under way may be past what the operator wants sent or pulled now: go again after it.
    if (this.running) this.again = true;
    else void this.drain();
    return this.status();
  }

  /** Stops sending: the upload in flight is cut off (the server keeps what it has) and no new drain starts. Survives a restart. */
  pause(): SyncStatus {
    setSyncState(this.deps.db, 'paused', '1');
    this.client.pause();
    this.publishNow();
    return this.status();
  }

  /** Continues from the server's offset, at once. */
  resume(): SyncStatus {
    clearSyncState(this.deps.db, 'paused');
    this.client.resume();
    if (!this.running && this.signedIn) void this.drain();
    this.publishNow();
    return this.status();
  }

  /** Conflicts between local edits and the court's assignments, newest first, with the rule that decided each. */
  conflicts(caseNumber?: string): SyncConflict[] {
    return listConflicts(this.deps.db, caseNumber)
      .reverse()
      .flatMap((c) => {
        const parsed = SyncConflictSchema.safeParse({ ...c, rule: c.resolution === 'server' ? 'server-wins' : c.resolution });
        return parsed.success ? [parsed.data] : [];
      });
  }

  /** For a store about to close: no more drains; an upload in flight stops where the server has it. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.clearTimer();
    this.throttle.cancel();
    try {
      this.client.abandon();
    } catch {
      // The store is already closed; the lease expires on its own.
    }
  }

  /** Something was queued: send it soon, or right after the drain under way. */
  private changed(): void {
    if (this.closed || !this.opts.background) return;
    if (this.running) this.again = true;
    else this.schedule(AFTER_CHANGE_MS);
  }

  private drain(): Promise<void> {
    if (this.running) return this.running;
    this.clearTimer();
    this.again = false;
    this.lastAttemptAt = nowIso();
    const signIn = this.signIns;
    this.running = this.client
      .sync()
      .then(
        (report) => this.settle(signIn, report),
        (err: unknown) => this.settle(signIn, null, err),
      )
      // Only a store closed under a running drain gets here; there is nobody left to tell.
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        this.live.current = null;
        if (this.closed) return;
        if (this.again) this.schedule(AFTER_CHANGE_MS);
        else if (this.opts.background) this.schedule(this.failures === 0 ? this.opts.intervalMs : this.retryDelay());
        this.publishNow();
      });
    this.publishNow();
    return this.running;
  }

  private settle(signIn: number, report: SyncReport | null, thrown?: unknown): void {
    const error = report ? (report.error ?? null) : thrown instanceof CourtError ? thrown.toData() : new CourtError('INTERNAL').toData();
    if (!error) {
      this.failures = 0;
      this.live.failed = null;
      this.noteContact();
      return;
    }
    // Another process is draining: nothing failed, it is simply not our turn.
    if (error.code === 'SYNC_BUSY') return;
    if (error.code === 'NOT_AUTHENTICATED' || error.code === 'SYNC_RENEWAL_REFUSED') {
      // Signed out (断开) or in again meanwhile, here or by `courtdesk logout`: the drain only ran into that.
      if (this.closed || signIn !== this.signIns) return;
      if (error.code === 'NOT_AUTHENTICATED' && storedSession(this.deps.db) === null && getSyncState(this.deps.db, 'renewal_token') === null) return;
      // Revoked or expired on the server with nothing to renew it by (a refused renewal already forgot
      // everything): the page asks to connect again, with the remedy.
      forgetToken(this.deps.db);
    }
    this.failures += 1;
    const shown = explain(error);
    // Before the first row (token refresh, the server's checkpoint) the failure holds up the head of the queue.
    const blocked = this.live.current ?? this.headOfQueue();
    this.live.failed = blocked ? { ...blocked, error: shown } : null;
    this.noteFailure(shown);
  }

  private headOfQueue(): { outboxId: number; bytesDone: number } | null {
    if (this.closed) return null;
    const id = this.deps.db.prepare('SELECT min(id) FROM outbox WHERE acked_at IS NULL').pluck().get() as number | null;
    return id === null ? null : { outboxId: id, bytesDone: 0 };
  }

  private retryDelay(): number {
    const delays = backoffDelays({ ...this.opts.retry, attempts: Math.min(this.failures, this.opts.retry.attempts) });
    return delays[delays.length - 1] ?? this.opts.intervalMs;
  }

  private noteContact(): void {
    this.online = true;
    this.lastContactAt = nowIso();
    this.lastError = null;
  }

  private noteFailure(error: ErrorData): void {
    this.lastError = error;
    if (OFFLINE_CODES.has(error.code)) this.online = false;
    else {
      // The server answered, if only to refuse.
      this.online = true;
      this.lastContactAt = nowIso();
    }
  }

  private onProgress(p: SyncProgress): void {
    if (this.closed) return;
    const current = this.live.current;
    switch (p.kind) {
      case 'row':
        this.live.current = { outboxId: p.outboxId, bytesDone: 0 };
        if (this.live.failed?.outboxId === p.outboxId) this.live.failed = null;
        break;
      case 'upload':
        if (current) current.bytesDone = p.bytesSent;
        this.noteContact();
        break;
      case 'resume':
        if (current) current.bytesDone = p.offset;
        this.noteContact();
        break;
      case 'uploaded':
        this.noteContact();
        break;
      case 'outbox':
        this.live.current = null;
        break;
      default:
        break;
    }
    this.throttle.push(null);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.clearTimer();
    this.nextAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.nextAt = null;
      this.tick();
    }, ms);
    // The background sync must not keep a closing process alive.
    this.timer.unref();
  }

  private tick(): void {
    if (this.closed) return;
    if (this.signedIn && !this.paused) void this.drain();
    else if (this.opts.background) this.schedule(this.opts.intervalMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
  }

  private publishNow(): void {
    if (this.closed) return;
    this.throttle.push(null);
    this.throttle.flush();
  }

  private publish(): void {
    if (this.closed) return;
    try {
      this.deps.events.emit('sync.state', this.status());
    } catch {
      // The store closed between a progress report and its publication.
    }
  }
}
