import type { AcceptanceReportView } from '../../../core/contract/index.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

/** The supervisor's acceptance share, read again whenever `generation` moves (after each save). */
export function useAcceptance(enabled: boolean, generation: number): { report: AcceptanceReportView | null; error: unknown } {
  const q = useCourtQuery(enabled ? (api) => api.catalogue.acceptance({}) : null, [], [generation]);
  return { report: q.value ?? null, error: q.error };
}
