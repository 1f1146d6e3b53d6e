import type { Case } from '../../../core/contract/index.js';
import { useCourtEvent } from '../../api/CourtContext.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

export interface CaseList {
  cases: Case[];
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The cases matching query (the list stays on screen while a new query is answered), refreshed when any connection creates or changes a case. */
export function useCaseList(query: string): CaseList {
  const q = useCourtQuery((api) => api.cases.list({ query: query.trim() || undefined }), [], [query]);
  useCourtEvent('cases.changed', q.reload);
  return { cases: q.value ?? [], loading: q.loading, error: q.error, reload: q.reload };
}
