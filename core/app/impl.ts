import type { CourtImpl } from '../contract/index.js';
import { authenticate, addUser, listUsers } from '../auth/userRepository.js';
import { createCase, getCase, listCases } from '../cases/caseRepository.js';
import type { CatalogueDesk } from '../catalogue/catalogueDesk.js';
import type { DossierDesk } from '../dossier/desk/dossierDesk.js';
import type { JobService } from '../jobs/jobService.js';
import type { CallContext } from '../rpc/callContext.js';
import type { EventBus } from '../rpc/eventBus.js';
import type { IntakeReceipts } from '../scanning/receipt/intakeReceipts.js';
import type { ScanDesk } from '../scanning/scanDesk.js';
import type { SyncDesk } from '../sync/syncDesk.js';
import type { Db } from '../store/database.js';

/** Binds every contract method to the core's repositories; the dispatcher has already checked access and input. */
export function createImpl(deps: {
  db: Db;
  events: EventBus;
  host: 'electron' | 'web' | 'cli';
  version: string;
  scanning: ScanDesk;
  receipts: IntakeReceipts;
  jobs: JobService;
  dossier: DossierDesk;
  catalogue: CatalogueDesk;
  sync: SyncDesk;
}): CourtImpl<CallContext> {
  const { db, events } = deps;
  const actor = (ctx: CallContext) => ctx.session?.username ?? 'anonymous';
  return {
    app: {
      info: () => ({ version: deps.version, host: deps.host }),
    },
    auth: {
      login: async ({ username, password }, ctx) => {
        const user = await authenticate(db, username, password);
        ctx.session = { userId: user.userId, username: user.username, displayName: user.displayName, roles: user.roles };
        return ctx.session;
      },
      logout: (_input, ctx) => {
        ctx.session = null;
        return null;
      },
      whoami: (_input, ctx) => ctx.session,
    },
    users: {
      list: () => listUsers(db),
      add: (input, ctx) => addUser(db, input, actor(ctx)),
    },
    cases: {
      create: (input, ctx) => {
        const created = createCase(db, input, actor(ctx));
        events.emit('cases.changed', { number: created.number });
        return created;
      },
      list: (input) => listCases(db, input),
      get: (input) => getCase(db, input.number),
    },
    scanning: {
      devices: () => deps.scanning.devices(),
      start: (input, ctx) => deps.scanning.start(input, actor(ctx)),
      cancel: (input) => deps.scanning.cancel(input.batchId),
      continue: (input, ctx) => deps.scanning.continue(input.batchId, actor(ctx)),
      batches: (input) => deps.scanning.batches(input.number),
      pages: (input) => deps.scanning.pages(input.number),
      rotatePage: (input, ctx) => deps.scanning.rotatePage(input, actor(ctx)),
      movePage: (input, ctx) => deps.scanning.movePage(input, actor(ctx)),
      removePage: (input, ctx) => deps.scanning.removePage(input, actor(ctx)),
      restorePage: (input, ctx) => deps.scanning.restorePage(input, actor(ctx)),
      rescanPage: (input, ctx) => deps.scanning.rescanPage(input, actor(ctx)),
      insertScan: (input, ctx) => deps.scanning.start(input, actor(ctx)),
      receipt: (input, ctx) => deps.receipts.issue(input.number, actor(ctx)),
    },
    jobs: {
      list: (input) => deps.jobs.list(input),
      cancel: (input, ctx) => deps.jobs.cancel(input.jobId, { username: actor(ctx), admin: ctx.session?.roles.includes('admin') ?? false }),
    },
    catalogue: {
      propose: (input) => deps.catalogue.propose(input.number),
      categories: (input) => deps.catalogue.categories(input.number),
      page: (input) => deps.catalogue.page(input.pageId),
      save: (input, ctx) => deps.catalogue.save(input.number, input.documents, actor(ctx)),
      acceptance: () => deps.catalogue.acceptance(),
    },
    dossier: {
      outline: (input) => deps.dossier.outline(input.number),
      thumbnails: (input) => deps.dossier.thumbnails(input.pageIds),
      ledger: (input) => deps.dossier.ledger(input.number),
      export: (input, ctx) => deps.dossier.export(input.number, actor(ctx)),
      download: (input) => deps.dossier.download(input.jobId),
      verify: (input) => deps.dossier.verify(input.number),
    },
    sync: {
      status: () => deps.sync.status(),
      connect: (input) => deps.sync.connect(input),
      disconnect: () => deps.sync.disconnect(),
      syncNow: () => deps.sync.syncNow(),
      pause: () => deps.sync.pause(),
      resume: () => deps.sync.resume(),
      conflicts: (input) => deps.sync.conflicts(input.number),
    },
  };
}
