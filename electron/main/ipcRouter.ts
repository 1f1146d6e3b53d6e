import { CourtError, eventNames, type Envelope, type EventName } from '../../core/contract/index.js';
import type { CallContext } from '../../core/rpc/callContext.js';
import type { Dispatch } from '../../core/rpc/dispatch.js';
import type { EventBus } from '../../core/rpc/eventBus.js';
import { isAppUrl } from './security.js';

/** What the main process knows about who sent an IPC call. */
export interface SenderInfo {
  webContentsId: number;
  /** URL of the sending frame, null when the frame is already gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface ForwardedEvent {
  event: EventName;
  payload: unknown;
}

export interface IpcRouter {
  /** Trusts one window's webContents: gives it a fresh CallContext and its share of events. Returns the disconnect. */
  connect(webContentsId: number, send: (message: ForwardedEvent) => void): () => void;
  call(sender: SenderInfo, channel: string, input: unknown): Promise<Envelope<unknown>>;
}

/**
 * Everything ipc.ts does except touching Electron: which senders are ours, one CallContext per
 * window, and which events reach it (only a signed-in window hears about cases and jobs).
 */
export function createIpcRouter(core: { dispatch: Dispatch; events: EventBus }): IpcRouter {
  const contexts = new Map<number, CallContext>();

  return {
    connect(webContentsId, send) {
      const ctx: CallContext = { session: null };
      contexts.set(webContentsId, ctx);
      const unsubscribe = eventNames.map((event) =>
        core.events.on(event, (payload) => {
          if (ctx.session) send({ event, payload });
        }),
      );
      return () => {
        for (const off of unsubscribe) off();
        if (contexts.get(webContentsId) === ctx) contexts.delete(webContentsId);
      };
    },

    async call(sender, channel, input) {
      const ctx = contexts.get(sender.webContentsId);
      if (!ctx || !sender.isMainFrame || sender.frameUrl === null || !isAppUrl(sender.frameUrl)) {
        console.warn('[courtdesk] refused IPC call from an untrusted sender', { channel, ...sender });
        return { ok: false, error: new CourtError('FORBIDDEN', { details: { reason: 'untrusted-sender' } }).toData() };
      }
      return core.dispatch(ctx, channel, input);
    },
  };
}
