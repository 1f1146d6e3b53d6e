import { useCallback, useEffect, useState } from 'react';
import type { StoreVerdictView } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

/** 校验 of one case; the verdict belongs to the case it was made for. */
export function useVerify(caseNumber: string | null) {
  const api = useCourtApi();
  const [verdict, setVerdict] = useState<StoreVerdictView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setVerdict(null);
    setError(null);
  }, [caseNumber]);
  const run = useCallback(async () => {
    if (!caseNumber) return;
    setBusy(true);
    setError(null);
    try {
      setVerdict(await api.dossier.verify({ number: caseNumber }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, [api, caseNumber]);
  return { verdict, busy, error, run };
}
