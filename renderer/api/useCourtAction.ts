import { useCallback, useState } from 'react';

/**
 * A button's call to the workstation: busy while it runs, and its failure kept to show with its
 * remedy (cleared when the next call starts). `fail` records a failure from outside an action.
 */
export function useCourtAction(): { busy: boolean; error: unknown; act(run: () => Promise<unknown>): Promise<void>; fail(err: unknown): void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = useCallback(async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, act, fail: setError };
}
