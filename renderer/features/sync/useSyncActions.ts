import { useCallback, useState } from 'react';
import type { SyncConnectInput, SyncStatus } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

export type SyncAction = 'connect' | 'disconnect' | 'syncNow' | 'pause' | 'resume';

export interface SyncActions {
  /** The action under way, for its button's spinner. */
  busy: SyncAction | null;
  /** The last action's refusal (wrong password, server unreachable, paused…), shown beside its button. */
  failed: { action: SyncAction; error: unknown } | null;
  connect(input: SyncConnectInput): Promise<boolean>;
  run(action: Exclude<SyncAction, 'connect'>): Promise<void>;
}

/** 连接, 断开, 立即同步, 暂停, 继续: each answers with the new status. */
export function useSyncActions(onStatus: (s: SyncStatus) => void): SyncActions {
  const api = useCourtApi();
  const [busy, setBusy] = useState<SyncAction | null>(null);
  const [failed, setFailed] = useState<{ action: SyncAction; error: unknown } | null>(null);

  const act = useCallback(
    async (action: SyncAction, call: () => Promise<SyncStatus>): Promise<boolean> => {
      setBusy(action);
      setFailed(null);
      try {
        onStatus(await call());
        return true;
      } catch (err) {
        setFailed({ action, error: err });
        return false;
      } finally {
        setBusy(null);
      }
    },
    [onStatus],
  );

  return {
    busy,
    failed,
    connect: (input) => act('connect', () => api.sync.connect(input)),
    run: async (action) => {
      await act(action, () => api.sync[action]({}));
    },
  };
}
