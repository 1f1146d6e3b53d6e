import { bridgeEventChannel, bridgeEventNames, channelNames, type ChannelName, type CourtdeskBridge } from '../../core/contract/bridge.js';
import type { Envelope } from '../../core/contract/envelope.js';
import { CourtError, type ErrorCode } from '../../core/contract/errors/index.js';

/** The part of ipcRenderer the bridge uses; tests pass a stand-in that routes into a real core. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const allowedChannels: ReadonlySet<string> = new Set(channelNames);
const allowedEvents: ReadonlySet<string> = new Set(bridgeEventNames);

function failure(code: ErrorCode, details: Record<string, unknown>): Envelope<never> {
  return { ok: false, error: new CourtError(code, { details }).toData() };
}

/**
 * Builds `window.courtdesk`. Only allowlisted channels ever reach ipcRenderer; listeners get
 * the payload alone, never the IPC event (whose `sender` would hand the page ipcRenderer).
 */
export function createBridge(ipc: IpcRendererLike, platform: string): CourtdeskBridge {
  const bridge: CourtdeskBridge = {
    invoke(channel: ChannelName, input?: unknown): Promise<Envelope<unknown>> {
      if (typeof channel !== 'string' || !allowedChannels.has(channel)) {
        return Promise.resolve(failure('UNKNOWN_CHANNEL', { channel: String(channel) }));
      }
      return ipc.invoke(channel, input).then(
        (reply) => reply as Envelope<unknown>,
        (err: unknown) => failure('INTERNAL', { reason: err instanceof Error ? err.message : String(err) }),
      );
    },

    on(event, listener) {
      if (typeof event !== 'string' || !allowedEvents.has(event)) throw new TypeError(`unknown CourtDesk event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const relay = (_ipcEvent: unknown, message: unknown) => {
        const m = message as { event?: unknown; payload?: unknown } | null;
        if (m && m.event === event) listener(m.payload as Parameters<typeof listener>[0]);
      };
      ipc.on(bridgeEventChannel, relay);
      return () => void ipc.removeListener(bridgeEventChannel, relay);
    },

    channels: Object.freeze([...channelNames]),
    platform,
  };
  return Object.freeze(bridge);
}
