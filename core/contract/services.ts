import { z } from 'zod';
import { channelsOf, method, type ServiceClient, type ServiceImpl } from './define.js';
import { AddUserInputSchema, LoginInputSchema, SessionSchema, UserSchema } from './schemas/auth.js';
import { CaseRefSchema, CaseSchema, CreateCaseInputSchema, ListCasesInputSchema } from './schemas/case.js';
import { AppInfoSchema } from './schemas/app.js';
import { BatchRefSchema, ScanBatchSchema, ScanDeviceSchema, ScanPageSchema, StartScanInputSchema } from './schemas/scanning.js';
import {
  InsertScanInputSchema,
  MovePageInputSchema,
  PageEditResultSchema,
  PageInCaseSchema,
  ReceiptTicketSchema,
  RescanPageInputSchema,
  RestorePageInputSchema,
  RotatePageInputSchema,
} from './schemas/pageEdits.js';
import { JobRefSchema, JobSchema, ListJobsInputSchema } from './schemas/jobs.js';
import { DossierLedgerSchema, DossierOutlineSchema, DownloadTicketSchema, PageThumbnailSchema, StoreVerdictSchema } from './schemas/dossier.js';
import { SyncConflictSchema, SyncConflictsInputSchema, SyncConnectInputSchema, SyncStatusSchema } from './schemas/sync.js';
import {
  AcceptanceReportSchema,
  CatalogueCategoriesSchema,
  CataloguePageRefSchema,
  CataloguePageViewSchema,
  CatalogueProposalSchema,
  SaveCatalogueInputSchema,
  SaveCatalogueResultSchema,
} from './schemas/catalogue.js';

const none = z.object({}).strict().default({});

/** Who may export, verify and download e-dossiers and see or cancel jobs: reading the catalogue and the ledger is open to every signed-in role. */
const dossierRoles = ['clerk', 'judge', 'admin'] as const;

/** Who runs the workstation's link to the court server (同步). */
const syncRoles = ['admin', 'clerk'] as const;

/** Who verifies the machine's catalogue (智能编目 人机耦合); the acceptance share is for supervisors. */
const catalogueRoles = ['scanner', 'clerk', 'admin'] as const;

/**
 * The allowlist: every method any host exposes. Types for callers and implementations,
 * the preload bridge, the WebSocket dispatcher and role checks are all derived from it.
 */
export const contract = {
  app: {
    info: method({ input: none, output: AppInfoSchema, access: 'public' }),
  },
  auth: {
    login: method({ input: LoginInputSchema, output: SessionSchema, access: 'public' }),
    logout: method({ input: none, output: z.null(), access: 'public' }),
    whoami: method({ input: none, output: SessionSchema.nullable(), access: 'public' }),
  },
  users: {
    list: method({ input: none, output: z.array(UserSchema), access: ['admin'] }),
    add: method({ input: AddUserInputSchema, output: UserSchema, access: ['admin'] }),
  },
  cases: {
    create: method({ input: CreateCaseInputSchema, output: CaseSchema, access: ['scanner', 'clerk', 'judge', 'admin'] }),
    list: method({ input: ListCasesInputSchema, output: z.array(CaseSchema), access: 'signed-in' }),
    get: method({ input: CaseRefSchema, output: CaseSchema, access: 'signed-in' }),
  },
  scanning: {
    devices: method({ input: none, output: z.array(ScanDeviceSchema), access: ['scanner', 'admin'] }),
    start: method({ input: StartScanInputSchema, output: BatchRefSchema, access: ['scanner', 'admin'] }),
    cancel: method({ input: BatchRefSchema, output: z.null(), access: ['scanner', 'admin'] }),
    continue: method({ input: BatchRefSchema, output: BatchRefSchema, access: ['scanner', 'admin'] }),
    batches: method({ input: CaseRefSchema, output: z.array(ScanBatchSchema), access: ['scanner', 'admin'] }),
    pages: method({ input: CaseRefSchema, output: z.array(ScanPageSchema), access: ['scanner', 'admin'] }),
    /** Page edits on the 扫描 page: each audited; rotate and rescan log the new master in the ledger. */
    rotatePage: method({ input: RotatePageInputSchema, output: PageEditResultSchema, access: ['scanner', 'admin'] }),
    movePage: method({ input: MovePageInputSchema, output: PageEditResultSchema, access: ['scanner', 'admin'] }),
    removePage: method({ input: PageInCaseSchema, output: PageEditResultSchema, access: ['scanner', 'admin'] }),
    restorePage: method({ input: RestorePageInputSchema, output: PageEditResultSchema, access: ['scanner', 'admin'] }),
    rescanPage: method({ input: RescanPageInputSchema, output: PageEditResultSchema, access: ['scanner', 'admin'] }),
    insertScan: method({ input: InsertScanInputSchema, output: BatchRefSchema, access: ['scanner', 'admin'] }),
    /** 收件回执 for whoever handed the papers in. */
    receipt: method({ input: CaseRefSchema, output: ReceiptTicketSchema, access: ['scanner', 'clerk', 'admin'] }),
  },
  jobs: {
    list: method({ input: ListJobsInputSchema, output: z.array(JobSchema), access: dossierRoles }),
    /** Only the job's starter or an administrator; checked by the job service. */
    cancel: method({ input: JobRefSchema, output: JobSchema, access: dossierRoles }),
  },
  catalogue: {
    propose: method({ input: CaseRefSchema, output: CatalogueProposalSchema, access: catalogueRoles }),
    categories: method({ input: CaseRefSchema, output: CatalogueCategoriesSchema, access: catalogueRoles }),
    page: method({ input: CataloguePageRefSchema, output: CataloguePageViewSchema, access: catalogueRoles }),
    save: method({ input: SaveCatalogueInputSchema, output: SaveCatalogueResultSchema, access: catalogueRoles }),
    acceptance: method({ input: none, output: AcceptanceReportSchema, access: ['clerk', 'admin'] }),
  },
  dossier: {
    outline: method({ input: CaseRefSchema, output: DossierOutlineSchema, access: 'signed-in' }),
    thumbnails: method({ input: z.object({ pageIds: z.array(z.number().int().positive()).max(60) }), output: z.array(PageThumbnailSchema), access: 'signed-in' }),
    ledger: method({ input: CaseRefSchema, output: DossierLedgerSchema, access: 'signed-in' }),
    export: method({ input: CaseRefSchema, output: JobSchema, access: dossierRoles }),
    download: method({ input: JobRefSchema, output: DownloadTicketSchema, access: dossierRoles }),
    verify: method({ input: CaseRefSchema, output: StoreVerdictSchema, access: dossierRoles }),
  },
  /** The 同步 page: who runs the workstation's link to the court server. */
  sync: {
    status: method({ input: none, output: SyncStatusSchema, access: syncRoles }),
    connect: method({ input: SyncConnectInputSchema, output: SyncStatusSchema, access: syncRoles }),
    disconnect: method({ input: none, output: SyncStatusSchema, access: syncRoles }),
    syncNow: method({ input: none, output: SyncStatusSchema, access: syncRoles }),
    pause: method({ input: none, output: SyncStatusSchema, access: syncRoles }),
    resume: method({ input: none, output: SyncStatusSchema, access: syncRoles }),
    conflicts: method({ input: SyncConflictsInputSchema, output: z.array(SyncConflictSchema), access: syncRoles }),
  },
} as const;

export type Contract = typeof contract;
export const channels = channelsOf(contract);

export type AppService = ServiceClient<Contract['app']>;
export type AuthService = ServiceClient<Contract['auth']>;
export type UsersService = ServiceClient<Contract['users']>;
export type CasesService = ServiceClient<Contract['cases']>;
export type ScanningService = ServiceClient<Contract['scanning']>;
export type JobsService = ServiceClient<Contract['jobs']>;
export type DossierService = ServiceClient<Contract['dossier']>;
export type SyncService = ServiceClient<Contract['sync']>;
export type CatalogueService = ServiceClient<Contract['catalogue']>;

/** The whole API as the renderer and other callers see it. */
export type CourtApi = { [S in keyof Contract]: ServiceClient<Contract[S]> };

/** The whole API as hosts implement it, given a caller context. */
export type CourtImpl<Ctx> = { [S in keyof Contract]: ServiceImpl<Contract[S], Ctx> };
