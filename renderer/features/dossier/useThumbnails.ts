import { useEffect, useState } from 'react';
import { useCourtApi } from '../../api/CourtContext.js';

/** The contract's limit per call. */
const BATCH = 60;
/** Shared by every mount: a page's image never changes for its id. */
const known = new Map<number, string | null>();

/** Thumbnails of the pages on screen, asked for in batches and remembered. */
export function useThumbnails(pageIds: readonly number[]): ReadonlyMap<number, string | null> {
  const api = useCourtApi();
  const key = pageIds.join(',');
  const [, setVersion] = useState(0);

  useEffect(() => {
    const missing = pageIds.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    let live = true;
    for (let i = 0; i < missing.length; i += BATCH) {
      api.dossier.thumbnails({ pageIds: missing.slice(i, i + BATCH) }).then(
        (found) => {
          for (const t of found) known.set(t.pageId, t.thumbnail);
          if (live) setVersion((v) => v + 1);
        },
        // A page whose thumbnail cannot be had shows its placeholder; the catalogue still works.
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
    // key stands for pageIds' contents, so a new array with the same pages asks nothing.
  }, [api, key]);

  return known;
}
