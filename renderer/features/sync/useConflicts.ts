import { useEffect, useState } from 'react';
import type { SyncConflict } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

/** The recorded assignment conflicts, read again whenever `after` changes (the end of a sync may add some). */
export function useConflicts(after: string | null): { conflicts: SyncConflict[]; error: unknown } {
  const api = useCourtApi();
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.sync.conflicts({}).then(
      (c) => {
        if (!live) return;
        setConflicts(c);
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, after]);
  return { conflicts, error };
}
