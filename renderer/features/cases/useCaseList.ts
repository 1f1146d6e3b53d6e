import { useCallback, useEffect, useState } from 'react';
import type { Case } from '../../../core/contract/index.js';
import { useCourtApi, useCourtEvent } from '../../api/CourtContext.js';

export interface CaseList {
  cases: Case[];
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The cases matching query, refreshed when any connection creates or changes a case. */
export function useCaseList(query: string): CaseList {
  const api = useCourtApi();
  const [cases, setCases] = useState<Case[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useCourtEvent('cases.changed', reload);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api.cases.list({ query: query.trim() || undefined }).then(
      (found) => {
        if (!current) return;
        setCases(found);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, query, generation]);

  return { cases, loading, error, reload };
}
