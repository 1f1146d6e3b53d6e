import type { Envelope, EventName } from '../../../core/contract/index.js';
import type { ConnectionStatus, Transport } from '../../../renderer/api/transport.js';

export interface RecordedCall {
  channel: string;
  input: unknown;
}

/**
 * Stands in for the host side of the bridge: answers each channel with envelopes the test
 * builds from the real contract (CourtError.toData()), and records what was asked.
 */
export function fakeHost(answer: (channel: string, input: unknown) => Envelope<unknown>): {
  transport: Transport;
  calls: RecordedCall[];
  emit: (event: EventName, payload: unknown) => void;
  setStatus: (status: ConnectionStatus) => void;
} {
  const calls: RecordedCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'open';
  const transport: Transport = {
    async invoke(channel, input) {
      calls.push({ channel, input });
      return answer(channel, input);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
  return {
    transport,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    setStatus(next) {
      status = next;
      statusListeners.forEach((l) => l(next));
    },
  };
}
