import type { SyncConflict } from '../../../core/contract/index.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

/** The recorded assignment conflicts, read again whenever `after` changes (the end of a sync may add some). */
export function useConflicts(after: string | null): { conflicts: SyncConflict[]; error: unknown } {
  const q = useCourtQuery((api) => api.sync.conflicts({}), [], [after]);
  return { conflicts: q.value ?? [], error: q.error };
}
