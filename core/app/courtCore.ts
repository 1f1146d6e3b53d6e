import { contract, type CourtImpl } from '../contract/index.js';
import { generatePassword } from '../auth/password.js';
import { addUser, countUsers } from '../auth/userRepository.js';
import { CatalogueDesk } from '../catalogue/catalogueDesk.js';
import { blobDir, storeFile } from '../config/dataDir.js';
import type { CallContext } from '../rpc/callContext.js';
import { DossierDesk } from '../dossier/desk/dossierDesk.js';
import type { DossierExporter } from '../dossier/desk/exporter.js';
import { defaultKeyVault } from '../dossier/integrity/workstationLedger.js';
import type { KeyVault } from '../ledger/keys/keyVault.js';
import { DownloadTickets } from '../jobs/downloadTickets.js';
import { recoverJobs } from '../jobs/jobRepository.js';
import { JobService } from '../jobs/jobService.js';
import { createDispatcher, type Dispatch } from '../rpc/dispatch.js';
import { EventBus } from '../rpc/eventBus.js';
import type { CaptureHost } from '../scanning/captureHost.js';
import { IntakeReceipts } from '../scanning/receipt/intakeReceipts.js';
import { ScanDesk } from '../scanning/scanDesk.js';
import { BlobStore } from '../store/blobStore.js';
import { openDatabase, type Db } from '../store/database.js';
import { SyncDesk, type SyncDeskOptions } from '../sync/syncDesk.js';
import { createImpl } from './impl.js';

export type HostKind = 'electron' | 'web' | 'cli';

export interface CourtCore {
  readonly dataDir: string;
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly events: EventBus;
  readonly impl: CourtImpl<CallContext>;
  readonly dispatch: Dispatch;
  readonly jobs: JobService;
  /** Single-use download ids for exported files; the web host and app:// serve them. */
  readonly downloads: DownloadTickets;
  /** Where this host keeps the workstation's ledger signing key; everything that signs uses it. */
  readonly keyVault: KeyVault;
  /** Creates the first administrator when the store has no users; returns its one-time password. */
  ensureInitialAdmin(): Promise<string | null>;
  /**
   * Lets the scanning methods reach scanners (hosts/capture.ts builds the host); without it they
   * answer SCANNER_DRIVER_MISSING. Returns detach: cancels running scans and waits for their batches to close.
   */
  attachCapture(capture: CaptureHost): () => Promise<void>;
  close(): void;
}

export function openCourtCore(opts: {
  dataDir: string;
  host: HostKind;
  version: string;
  sqliteBinding?: string;
  /** How this host renders e-dossiers off its event loop (Node hosts: exportInWorker()); without it export is unavailable. */
  exporter?: DossierExporter;
  /** The desktop app's OS-encrypted vault; the plain key file in the data dir otherwise. */
  keyVault?: KeyVault;
  /** The 同步 desk; by default it syncs in the background on every host but the CLI (`courtdesk sync` syncs on its own). */
  sync?: Partial<SyncDeskOptions>;
}): CourtCore {
  const db = openDatabase(storeFile(opts.dataDir), { nativeBinding: opts.sqliteBinding });
  const blobs = new BlobStore(blobDir(opts.dataDir));
  const events = new EventBus();
  const scanning = new ScanDesk({ db, blobs, events });
  recoverJobs(db);
  const jobs = new JobService({ db, events });
  const downloads = new DownloadTickets();
  const receipts = new IntakeReceipts({ db, blobs, downloads });
  const keyVault = opts.keyVault ?? defaultKeyVault(opts.dataDir);
  const dossier = new DossierDesk({ db, blobs, dataDir: opts.dataDir, jobs, downloads, keyVault, exporter: opts.exporter ?? null });
  const catalogue = new CatalogueDesk({ db, blobs });
  const sync = new SyncDesk({ db, blobs, events, dataDir: opts.dataDir, keyVault, options: { background: opts.host !== 'cli', ...opts.sync } });
  const impl = createImpl({ db, events, host: opts.host, version: opts.version, scanning, receipts, jobs, dossier, catalogue, sync });
  return {
    dataDir: opts.dataDir,
    db,
    blobs,
    events,
    impl,
    dispatch: createDispatcher(contract, impl),
    jobs,
    downloads,
    keyVault,
    async ensureInitialAdmin() {
      if (countUsers(db) > 0) return null;
      const password = generatePassword();
      await addUser(db, { username: 'admin', displayName: '系统管理员', roles: ['admin'], password }, 'system');
      return password;
    },
    attachCapture(capture) {
      scanning.attach(capture);
      return () => scanning.detach();
    },
    close: () => {
      sync.close();
      jobs.close();
      db.close();
    },
  };
}
