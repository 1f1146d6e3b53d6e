import { useCallback, useEffect, useState } from 'react';
import type { CatalogueCategories, CatalogueProposal, SaveCatalogueInput, SaveCatalogueResult } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

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
  const [proposal, setProposal] = useState<CatalogueProposal | null>(null);
  const [categories, setCategories] = useState<CatalogueCategories | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    setSaveError(null);
    setProposal(null);
    setCategories(null);
    if (!caseNumber) return;
    let live = true;
    setLoading(true);
    Promise.all([api.catalogue.propose({ number: caseNumber }), api.catalogue.categories({ number: caseNumber })]).then(
      ([p, c]) => {
        if (!live) return;
        setProposal(p);
        setCategories(c);
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

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
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

  return { proposal, categories, loading, error, reload, save, saving, saveError };
}
