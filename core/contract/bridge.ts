import type { Channel } from './define.js';
import type { Envelope } from './envelope.js';
import type { EventName, EventPayload } from './events.js';
import type { Contract } from './services.js';

/**
 * The names the Electron preload allows, kept free of zod so the sandboxed preload bundle
 * stays small: only type imports above. tests/unit/electron/bridgeNames.test.ts checks both
 * lists against `channels` and `eventNames`, by value and by type.
 */
export type ChannelName = Channel<Contract>;

export const channelNames = [
  'app.info',
  'auth.login',
  'auth.logout',
  'auth.whoami',
  'users.list',
  'users.add',
  'cases.create',
  'cases.list',
  'cases.get',
  'scanning.devices',
  'scanning.start',
  'scanning.cancel',
  'scanning.continue',
  'scanning.batches',
  'scanning.pages',
  'scanning.rotatePage',
  'scanning.movePage',
  'scanning.removePage',
  'scanning.restorePage',
  'scanning.rescanPage',
  'scanning.insertScan',
  'scanning.receipt',
  'jobs.list',
  'jobs.cancel',
  'catalogue.propose',
  'catalogue.categories',
  'catalogue.page',
  'catalogue.save',
  'catalogue.acceptance',
  'dossier.outline',
  'dossier.thumbnails',
  'dossier.ledger',
  'dossier.export',
  'dossier.download',
  'dossier.verify',
  'sync.status',
  'sync.connect',
  'sync.disconnect',
  'sync.syncNow',
  'sync.pause',
  'sync.resume',
  'sync.conflicts',
] as const satisfies readonly ChannelName[];

export const bridgeEventNames = ['job.progress', 'cases.changed', 'scan.page', 'scan.state', 'job.state', 'sync.state'] as const satisfies readonly EventName[];

/** The IPC channel on which the main process pushes `{ event, payload }` to the window. */
export const bridgeEventChannel = 'courtdesk:event';

/** `window.courtdesk` in the Electron renderer: the only thing the preload exposes. */
export interface CourtdeskBridge {
  invoke(channel: ChannelName, input?: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly channels: readonly ChannelName[];
  readonly platform: string;
}
