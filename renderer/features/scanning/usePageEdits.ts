import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageEditResult, ScanPage } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';
import type { DeskSettings } from './deviceSettings.js';

export interface Removal {
  removalId: number;
  position: number;
}

export interface PageEdits {
  /** The page an edit is under way on (a rescan takes a few seconds). */
  busyPageId: number | null;
  error: unknown;
  /** The last page removed, until 撤销 or the next edit. */
  removed: Removal | null;
  rotate(page: ScanPage, degrees: 90 | 180 | 270): void;
  move(page: ScanPage, to: number): void;
  remove(page: ScanPage): void;
  undo(): void;
  rescan(page: ScanPage, device: string, settings: DeskSettings): void;
}

/** Rotate, move, remove (with 撤销) and rescan pages of one case; one edit at a time, as keys repeat. */
export function usePageEdits(caseNumber: string | null, apply: (result: PageEditResult) => void): PageEdits {
  const api = useCourtApi();
  const [busyPageId, setBusyPageId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<Removal | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    setRemoved(null);
    setError(null);
  }, [caseNumber]);

  const edit = useCallback(
    async (pageId: number | null, run: (number: string) => Promise<PageEditResult>, after?: (result: PageEditResult) => void) => {
      if (!caseNumber || inFlight.current) return;
      inFlight.current = true;
      setBusyPageId(pageId);
      setError(null);
      try {
        const result = await run(caseNumber);
        apply(result);
        setRemoved(null);
        after?.(result);
      } catch (err) {
        setError(err);
      } finally {
        inFlight.current = false;
        setBusyPageId(null);
      }
    },
    [caseNumber, apply],
  );

  return {
    busyPageId,
    error,
    removed,
    rotate: (page, degrees) => void edit(page.pageId, (number) => api.scanning.rotatePage({ case: number, pageId: page.pageId, degrees })),
    move: (page, to) => void edit(page.pageId, (number) => api.scanning.movePage({ case: number, pageId: page.pageId, to })),
    remove: (page) =>
      void edit(
        page.pageId,
        (number) => api.scanning.removePage({ case: number, pageId: page.pageId }),
        (result) => result.removalId !== null && setRemoved({ removalId: result.removalId, position: page.position }),
      ),
    undo: () => {
      if (!removed) return;
      void edit(null, (number) => api.scanning.restorePage({ case: number, removalId: removed.removalId }));
    },
    rescan: (page, device, { orientation, ...settings }) =>
      void edit(page.pageId, (number) => api.scanning.rescanPage({ case: number, pageId: page.pageId, device, settings, orientation })),
  };
}
