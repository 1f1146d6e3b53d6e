import type { DossierLedger, DossierOutline } from '../../../core/contract/index.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

export interface DossierView {
  outline: DossierOutline | null;
  ledger: DossierLedger | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** The chosen case's catalogue and ledger history. */
export function useDossier(caseNumber: string | null): DossierView {
  const q = useCourtQuery(
    caseNumber
      ? async (api) => {
          const [outline, ledger] = await Promise.all([api.dossier.outline({ number: caseNumber }), api.dossier.ledger({ number: caseNumber })]);
          return { outline, ledger };
        }
      : null,
    [caseNumber],
  );
  return { outline: q.value?.outline ?? null, ledger: q.value?.ledger ?? null, loading: q.loading, error: q.error, reload: q.reload };
}
