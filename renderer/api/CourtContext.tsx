import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { CourtApi, EventName, EventPayload } from '../../core/contract/index.js';
import type { CourtClient } from './connect.js';
import type { ConnectionStatus } from './transport.js';

const CourtContext = createContext<CourtClient | null>(null);

export function CourtProvider({ client, children }: { client: CourtClient; children: ReactNode }) {
  return <CourtContext.Provider value={client}>{children}</CourtContext.Provider>;
}

function useClient(): CourtClient {
  const client = useContext(CourtContext);
  if (!client) throw new Error('CourtProvider is missing');
  return client;
}

export function useCourtApi(): CourtApi {
  return useClient().api;
}

export function useConnectionStatus(): ConnectionStatus {
  const { transport } = useClient();
  const [status, setStatus] = useState(transport.status());
  useEffect(() => {
    setStatus(transport.status());
    return transport.onStatus(setStatus);
  }, [transport]);
  return status;
}

/** Subscribes for the component's lifetime; pass a stable listener (useCallback). */
export function useCourtEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const { transport } = useClient();
  useEffect(() => transport.on(event, listener), [transport, event, listener]);
}
