import { useCallback, useEffect, useState } from 'react';
import type { DossierLedger, DossierOutline } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

export interface DossierView {
  outline: DossierOutline | null;
  ledger: DossierLedger | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The chosen case's catalogue and ledger history. */
export function useDossier(caseNumber: string | null): DossierView {
  const api = useCourtApi();
  const [outline, setOutline] = useState<DossierOutline | null>(null);
  const [ledger, setLedger] = useState<DossierLedger | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setError(null);
    if (!caseNumber) {
      setOutline(null);
      setLedger(null);
      return;
    }
    let live = true;
    setLoading(true);
    Promise.all([api.dossier.outline({ number: caseNumber }), api.dossier.ledger({ number: caseNumber })]).then(
      ([o, l]) => {
        if (!live) return;
        setOutline(o);
        setLedger(l);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, caseNumber, generation]);

  return { outline, ledger, loading, error, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}
