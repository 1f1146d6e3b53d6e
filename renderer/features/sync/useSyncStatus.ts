import { useCallback, useEffect, useState } from 'react';
import type { EventPayload, SyncStatus } from '../../../core/contract/index.js';
import { useConnectionStatus, useCourtApi, useCourtEvent } from '../../api/CourtContext.js';

export interface SyncStatusView {
  status: SyncStatus | null;
  /** Loading the status failed (e.g. the workstation service is gone). */
  error: unknown;
  /** For actions that answer with the new status before its event arrives. */
  update(status: SyncStatus): void;
}

/** The workstation's sync status, read once and then kept live from sync.state; read again after the link to the workstation service returns. */
export function useSyncStatus(): SyncStatusView {
  const api = useCourtApi();
  const connection = useConnectionStatus();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    api.sync.status({}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, connection]);

  useCourtEvent(
    'sync.state',
    useCallback((s: EventPayload<'sync.state'>) => setStatus(s), []),
  );

  return { status, error, update: setStatus };
}
