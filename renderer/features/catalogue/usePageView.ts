import { useEffect, useState } from 'react';
import type { CataloguePageView, CourtApi } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

/** About 150 KB each: the pages a verifier goes back and forth over. */
const KEEP = 30;
const known = new Map<number, Promise<CataloguePageView>>();

function fetchPage(api: CourtApi, pageId: number): Promise<CataloguePageView> {
  const hit = known.get(pageId);
  if (hit) return hit;
  const asked = api.catalogue.page({ pageId });
  known.set(pageId, asked);
  // A failed fetch is asked again next time.
  asked.catch(() => known.delete(pageId));
  if (known.size > KEEP) known.delete(known.keys().next().value!);
  return asked;
}

/** Pages read again, e.g. after OCR ran on them: what was fetched before is stale. */
export function forgetPageViews(): void {
  known.clear();
}

/** The page on screen (image and OCR text); the next one is fetched meanwhile so moving on is instant. */
export function usePageView(pageId: number | null, nextId: number | null): { view: CataloguePageView | null; error: unknown } {
  const api = useCourtApi();
  const [view, setView] = useState<CataloguePageView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    if (pageId === null) {
      setView(null);
      return;
    }
    let live = true;
    fetchPage(api, pageId).then(
      (v) => {
        if (!live) return;
        setView(v);
        if (nextId !== null) fetchPage(api, nextId).catch(() => undefined);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, pageId, nextId]);

  return { view: view?.pageId === pageId ? view : null, error };
}
