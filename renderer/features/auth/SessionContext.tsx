import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Session } from '../../../core/contract/index.js';
import { useConnectionStatus, useCourtApi } from '../../api/CourtContext.js';

interface SessionState {
  /** undefined while the first whoami is under way. */
  session: Session | null | undefined;
  /** Set when a dropped connection took the session with it, so the login page can say why. */
  lostSession: boolean;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The web host keeps a session per WebSocket connection; after a reconnect the server no
 * longer knows us, so whoami is asked again and the login page shown if needed.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useCourtApi();
  const status = useConnectionStatus();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [lostSession, setLostSession] = useState(false);
  const signedIn = useRef(false);

  useEffect(() => {
    if (status !== 'open') return;
    let current = true;
    api.auth.whoami({}).then(
      (who) => {
        if (!current) return;
        if (!who && signedIn.current) setLostSession(true);
        signedIn.current = Boolean(who);
        setSession(who);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, status]);

  const login = useCallback(
    async (username: string, password: string) => {
      const who = await api.auth.login({ username, password });
      signedIn.current = true;
      setLostSession(false);
      setSession(who);
      return who;
    },
    [api],
  );

  // Signed out locally even when the call fails: a dropped connection has ended the session anyway.
  const logout = useCallback(async () => {
    try {
      await api.auth.logout({});
    } finally {
      signedIn.current = false;
      setSession(null);
    }
  }, [api]);

  const value = useMemo(() => ({ session, lostSession, login, logout }), [session, lostSession, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('SessionProvider is missing');
  return state;
}
