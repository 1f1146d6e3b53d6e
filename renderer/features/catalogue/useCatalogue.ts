import { useCallback, useEffect, useState } from 'react';
import type { CatalogueCategories, CatalogueProposal, SaveCatalogueInput, SaveCatalogueResult } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

export interface CatalogueView {
  proposal: CatalogueProposal | null;
  categories: CatalogueCategories | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
  save: (input: Omit<SaveCatalogueInput, 'number'>) => Promise<SaveCatalogueResult | null>;
  saving: boolean;
  saveError: unknown;
}

/** The case's proposal (or confirmed catalogue) and its standard's categories; save returns what was saved, null on failure. */
export function useCatalogue(caseNumber: string | null): CatalogueView {
  const api = useCourtApi();
  const q = useCourtQuery(
    caseNumber
      ? async (court) => {
          const [proposal, categories] = await Promise.all([court.catalogue.propose({ number: caseNumber }), court.catalogue.categories({ number: caseNumber })]);
          return { proposal, categories };
        }
      : null,
    [caseNumber],
  );
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  // A save's error belongs to the case it was made for.
  useEffect(() => setSaveError(null), [caseNumber]);

  const save = useCallback(
    async (input: Omit<SaveCatalogueInput, 'number'>) => {
      if (!caseNumber) return null;
      setSaving(true);
      setSaveError(null);
      try {
        const result = await api.catalogue.save({ number: caseNumber, ...input });
        return result;
      } catch (err) {
        setSaveError(err);
        return null;
      } finally {
        setSaving(false);
      }
    },
    [api, caseNumber],
  );

  return { proposal: q.value?.proposal ?? null, categories: q.value?.categories ?? null, loading: q.loading, error: q.error, reload: q.reload, save, saving, saveError };
}
