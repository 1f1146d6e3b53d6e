import '../dossier/resizeObserverShim.js';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type Envelope, type SyncStatus } from '../../../core/contract/index.js';
import { SyncPage } from '../../../renderer/features/sync/SyncPage.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const SERVER = 'http://10.1.2.3:8420';

const base: SyncStatus = {
  server: SERVER,
  username: 'clerk1',
  workstationId: 'ws-0123456789abcdef01234567',
  signedIn: true,
  tokenExpiresAt: null,
  renewalExpiresAt: '2024-06-05T07:08:09.000Z',
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

function host(status: SyncStatus) {
  return fakeHost((channel): Envelope<unknown> => {
    if (channel === 'sync.status') return { ok: true, value: status };
    if (channel === 'sync.conflicts') return { ok: true, value: [] };
    return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
  });
}

describe('the 同步 page and the renewal credential', componentTestOptions, () => {
  it('stays connected on a lapsed token while the renewal credential lives, and says until when no password is needed', async () => {
    renderWithCourt(<SyncPage />, host(base).transport);
    expect((await screen.findByTestId('sync-server')).textContent).toContain(SERVER);
    expect(screen.getByText('免密续期至（此后须重新输入密码）')).toBeTruthy();
    expect(screen.getByTestId('sync-renewal-expires').textContent).toMatch(/2024/);
    expect(screen.queryByTestId('sync-connect-form')).toBeNull();
  });

  it('asks to connect again, with the remedy, once the server refused the renewal', async () => {
    const refused = new CourtError('SYNC_RENEWAL_REFUSED', { message: '免密续期凭据已被使用过，可能已被复制盗用：服务器已吊销本工作站的全部续期凭据并告警' });
    renderWithCourt(<SyncPage />, host({ ...base, signedIn: false, renewalExpiresAt: null, lastError: refused.toData() }).transport);
    await screen.findByTestId('sync-connect-form');
    expect(screen.getByText(`工作站尚未登录 ${SERVER}，或登录已过期、已断开：请重新连接。`)).toBeTruthy();
    const alert = screen.getByTestId('sync-last-error');
    expect(alert.getAttribute('data-error-code')).toBe('SYNC_RENEWAL_REFUSED');
    expect(alert.textContent).toContain('可能已被复制盗用');
    expect(alert.textContent).toContain('处理办法：请在“同步”页重新输入密码连接');
  });
});
