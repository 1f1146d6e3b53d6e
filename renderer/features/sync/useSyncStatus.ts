import type { SyncStatus } from '../../../core/contract/index.js';
import { useConnectionStatus, useCourtEvent } from '../../api/CourtContext.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

export interface SyncStatusView {
  status: SyncStatus | null;
  /** Loading the status failed (e.g. the workstation service is gone). */
  error: unknown;
  /** For actions that answer with the new status before its event arrives. */
  update(status: SyncStatus): void;
}

/** The workstation's sync status, read once and then kept live from sync.state; read again after the link to the workstation service returns. */
export function useSyncStatus(): SyncStatusView {
  const connection = useConnectionStatus();
  const q = useCourtQuery(connection === 'open' ? (api) => api.sync.status({}) : null, [], [connection]);
  useCourtEvent('sync.state', q.set);
  return { status: q.value ?? null, error: q.error, update: q.set };
}
