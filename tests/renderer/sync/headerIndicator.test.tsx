import '../dossier/resizeObserverShim.js';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type Envelope, type Session, type SyncStatus } from '../../../core/contract/index.js';
import { AppShell } from '../../../renderer/shell/AppShell.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const session = (roles: Session['roles']): Session => ({ userId: 2, username: 'u', displayName: '用户', roles });

const status: SyncStatus = {
  server: 'http://10.1.2.3:8420',
  username: 'clerk1',
  workstationId: 'ws-0123456789abcdef01234567',
  signedIn: true,
  tokenExpiresAt: '2024-05-06T08:08:09.000Z',
  connection: 'online',
  lastContactAt: '2024-05-06T07:08:10.000Z',
  lastAttemptAt: '2024-05-06T07:08:10.000Z',
  nextAttemptAt: null,
  lastError: null,
  paused: false,
  running: false,
  elsewhere: null,
  pending: 0,
  queue: [],
};

function host() {
  return fakeHost((channel): Envelope<unknown> => {
    if (channel === 'cases.list') return { ok: true, value: [] };
    if (channel === 'sync.status') return { ok: true, value: status };
    if (channel === 'sync.conflicts') return { ok: true, value: [] };
    return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
  });
}

describe('the court-server light in the header bar', componentTestOptions, () => {
  it('shows clerks whether the workstation is online, live, and opens the 同步 page', async () => {
    const h = host();
    renderWithCourt(<AppShell session={session(['clerk'])} onLogout={() => undefined} />, h.transport);
    const light = await screen.findByTestId('sync-indicator');
    expect(light.textContent).toContain('在线');
    act(() => h.emit('sync.state', { ...status, connection: 'offline' }));
    await waitFor(() => expect(screen.getByTestId('sync-indicator').getAttribute('data-state')).toBe('offline'));
    expect(screen.getByTestId('sync-indicator').textContent).toContain('离线');

    fireEvent.click(screen.getByTestId('sync-indicator'));
    expect(await screen.findByRole('heading', { name: '同步' })).toBeTruthy();
    expect(await screen.findByTestId('sync-conflict-rule')).toBeTruthy();
  });

  it('is not shown to roles that do not run sync', async () => {
    const h = host();
    renderWithCourt(<AppShell session={session(['scanner'])} onLogout={() => undefined} />, h.transport);
    await screen.findByTestId('current-user');
    await waitFor(() => expect(h.calls.some((c) => c.channel === 'cases.list')).toBe(true));
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
    expect(h.calls.some((c) => c.channel.startsWith('sync.'))).toBe(false);
  });
});
