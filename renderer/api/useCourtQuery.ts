import { useCallback, useEffect, useRef, useState } from 'react';
import type { CourtApi } from '../../core/contract/index.js';
import { useCourtApi } from './CourtContext.js';

export interface CourtQuery<T> {
  /** The last answer for the current identity; undefined before the first one. */
  value: T | undefined;
  loading: boolean;
  error: unknown;
  reload(): void;
  /** For actions and events that bring a newer value than the last read. */
  set(value: T): void;
}

interface State<T> {
  identity: string;
  value: T | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * One read from the workstation, made again when `identity` or `refreshOn` change and on reload().
 * A new identity (another case) clears the old value, so one case's data is never shown under
 * another; a refresh keeps it on screen while the new answer comes. An answer that arrives after
 * the read was superseded is dropped. `read` null: nothing to read now (no case chosen, offline).
 */
export function useCourtQuery<T>(read: ((api: CourtApi) => Promise<T>) | null, identity: readonly unknown[] = [], refreshOn: readonly unknown[] = []): CourtQuery<T> {
  const api = useCourtApi();
  const identityText = JSON.stringify(identity);
  const refreshText = JSON.stringify(refreshOn);
  const [state, setState] = useState<State<T>>({ identity: identityText, value: undefined, loading: read !== null, error: null });
  const [generation, setGeneration] = useState(0);
  const latestRead = useRef(read);
  latestRead.current = read;
  const enabled = read !== null;

  useEffect(() => {
    const run = latestRead.current;
    const same = (s: State<T>) => s.identity === identityText;
    if (!run) {
      setState((s) => ({ identity: identityText, value: same(s) ? s.value : undefined, loading: false, error: null }));
      return;
    }
    let live = true;
    setState((s) => ({ identity: identityText, value: same(s) ? s.value : undefined, loading: true, error: same(s) ? s.error : null }));
    run(api).then(
      (value) => live && setState({ identity: identityText, value, loading: false, error: null }),
      (error: unknown) => live && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [api, identityText, refreshText, generation, enabled]);

  const current = state.identity === identityText ? state : { identity: identityText, value: undefined, loading: enabled, error: null };
  return {
    value: current.value,
    loading: current.loading,
    error: current.error,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    set: useCallback((value: T) => setState((s) => ({ ...s, value, error: null })), []),
  };
}
