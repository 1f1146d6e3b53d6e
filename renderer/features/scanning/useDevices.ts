import { useCallback, useEffect, useState } from 'react';
import type { ScanDevice } from '../../../core/contract/index.js';
import { useCourtApi } from '../../api/CourtContext.js';

/** The scanners the host can reach; asking the drivers takes a moment, so only on open and on 刷新. */
export function useDevices(): { devices: ScanDevice[]; loading: boolean; error: unknown; refresh: () => void } {
  const api = useCourtApi();
  const [devices, setDevices] = useState<ScanDevice[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.scanning.devices({}).then(
      (found) => {
        if (!live) return;
        setDevices(found);
        setError(null);
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
  }, [api, generation]);
  return { devices, loading, error, refresh: useCallback(() => setGeneration((g) => g + 1), []) };
}
