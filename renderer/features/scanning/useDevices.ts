import type { ScanDevice } from '../../../core/contract/index.js';
import { useCourtQuery } from '../../api/useCourtQuery.js';

/** The scanners the host can reach; asking the drivers takes a moment, so only on open and on 刷新. */
export function useDevices(): { devices: ScanDevice[]; loading: boolean; error: unknown; refresh: () => void } {
  const q = useCourtQuery((api) => api.scanning.devices({}));
  return { devices: q.value ?? [], loading: q.loading, error: q.error, refresh: q.reload };
}
