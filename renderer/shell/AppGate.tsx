import { Spin } from 'antd';
import { LoginPage } from '../features/auth/LoginPage.js';
import { useSession } from '../features/auth/SessionContext.js';
import { AppShell } from './AppShell.js';
import { ConnectionBanner } from './ConnectionBanner.js';

/** Login until there is a session, then the shell; a banner while the connection is down. */
export function AppGate() {
  const { session, logout } = useSession();
  return (
    <>
      <ConnectionBanner />
      {session === undefined ? (
        <div className="centered">
          <Spin size="large" />
        </div>
      ) : session === null ? (
        <LoginPage />
      ) : (
        <AppShell session={session} onLogout={() => void logout().catch(() => undefined)} />
      )}
    </>
  );
}
