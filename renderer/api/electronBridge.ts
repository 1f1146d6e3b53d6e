import { CourtError, type ChannelName, type CourtdeskBridge, type Envelope } from '../../core/contract/index.js';
import type { Transport } from './transport.js';
import { parseEnvelope, parseEventPayload } from '../../core/contract/wire.js';

declare global {
  interface Window {
    courtdesk?: CourtdeskBridge;
  }
}

function internal(why: string): Envelope<never> {
  return { ok: false, error: new CourtError('INTERNAL', { details: { why } }).toData() };
}

/** The in-process bridge never disconnects; a rejected invoke means the main process failed. */
export function createElectronTransport(bridge: CourtdeskBridge): Transport {
  return {
    async invoke(channel, input) {
      try {
        return parseEnvelope(await bridge.invoke(channel as ChannelName, input)) ?? internal('malformed envelope from the main process');
      } catch (err) {
        return internal(err instanceof Error ? err.message : String(err));
      }
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const checked = parseEventPayload(event, payload);
        if (checked) listener(checked.payload as Parameters<typeof listener>[0]);
      });
    },
    status: () => 'open',
    onStatus: () => () => undefined,
  };
}
