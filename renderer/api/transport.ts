import type { Envelope, EventName, EventPayload } from '../../core/contract/index.js';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** How calls and events travel: the Electron preload bridge or the web host's WebSocket. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}
