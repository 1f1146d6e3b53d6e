import { useEffect, useState } from 'react';
import type { AcceptanceReportView } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

/** The supervisor's acceptance share, read again whenever `generation` moves (after each save). */
export function useAcceptance(enabled: boolean, generation: number): { report: AcceptanceReportView | null; error: unknown } {
  const api = useCourtApi();
  const [report, setReport] = useState<AcceptanceReportView | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.catalogue.acceptance({}).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, enabled, generation]);

  return { report, error };
}
