import '../dossier/resizeObserverShim.js';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError, type Envelope, type SyncConflict, type SyncQueueItem, type SyncStatus } from '../../../core/contract/index.js';
import { SyncPage } from '../../../renderer/features/sync/SyncPage.js';
import { fakeHost } from '../support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from '../support/renderWithCourt.js';

afterEach(cleanup);

const SERVER = 'http://10.1.2.3:8420';
const MiB = 1024 * 1024;

const item = (over: Partial<SyncQueueItem>): SyncQueueItem => ({
  outboxId: 1,
  dossierId: 'case-1',
  caseNumber: '（2024）苏0506民初88号',
  sha256: 'ab'.repeat(32),
  pageCount: 120,
  state: 'waiting',
  bytesDone: 0,
  bytesTotal: 8 * MiB,
  versionNo: null,
  queuedAt: '2024-05-06T07:08:09.000Z',
  doneAt: null,
  error: null,
  ...over,
});

const signedOut: SyncStatus = {
  server: null,
  username: null,
  workstationId: 'ws-0123456789abcdef01234567',
  signedIn: false,
  tokenExpiresAt: null,
  connection: 'unknown',
  lastContactAt: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  lastError: null,
  paused: false,
  running: false,
  elsewhere: null,
  pending: 1,
  queue: [item({})],
};

const online = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  ...signedOut,
  server: SERVER,
  username: 'clerk1',
  signedIn: true,
  tokenExpiresAt: '2024-05-06T08:08:09.000Z',
  connection: 'online',
  lastContactAt: '2024-05-06T07:08:10.000Z',
  lastAttemptAt: '2024-05-06T07:08:10.000Z',
  ...over,
});

const conflict: SyncConflict = {
  caseNumber: '（2024）苏0506民初30号',
  field: 'title',
  local: '本机改过的案由',
  server: '张三诉李四借款合同纠纷',
  rule: 'server-wins',
  detectedAt: '2024-05-06T07:09:00.000Z',
};

function host(initial: SyncStatus, answers: Partial<Record<string, () => Envelope<unknown>>> = {}) {
  return fakeHost((channel): Envelope<unknown> => {
    const answer = answers[channel];
    if (answer) return answer();
    if (channel === 'sync.status') return { ok: true, value: initial };
    if (channel === 'sync.conflicts') return { ok: true, value: [] };
    return { ok: false, error: new CourtError('UNKNOWN_CHANNEL').toData() };
  });
}

const bar = (number: string) => screen.getByRole('progressbar', { name: `${number} 上传进度` });

describe('the 同步 page', componentTestOptions, () => {
  it('connects to the court server from the form and then shows where it is connected', async () => {
    const h = host(signedOut, { 'sync.connect': () => ({ ok: true, value: online() }) });
    renderWithCourt(<SyncPage />, h.transport);
    await screen.findByTestId('sync-connect-form');
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
    fireEvent.change(screen.getByLabelText('服务器地址'), { target: { value: ` ${SERVER} ` } });
    fireEvent.change(screen.getByLabelText('服务器账号'), { target: { value: 'clerk1' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'secret-password' } });
    fireEvent.click(screen.getByRole('button', { name: '连 接' }));
    expect((await screen.findByTestId('sync-server')).textContent).toContain(SERVER);
    expect(h.calls.find((c) => c.channel === 'sync.connect')?.input).toEqual({ server: SERVER, username: 'clerk1', password: 'secret-password' });
    expect(screen.getByTestId('sync-indicator').getAttribute('data-state')).toBe('online');
    expect(screen.getByTestId('sync-indicator').textContent).toContain('在线');
    expect(screen.getByRole('button', { name: /断开/ })).toBeTruthy();
  });

  it('says why a connection failed and what to do', async () => {
    const unreachable = new CourtError('SYNC_UNREACHABLE', {
      message: `无法连接法院服务器 ${SERVER}（连接被拒绝：服务器程序未启动或端口不对）`,
      remedy: '请核对服务器地址和端口',
    });
    renderWithCourt(<SyncPage />, host(signedOut, { 'sync.connect': () => ({ ok: false, error: unreachable.toData() }) }).transport);
    fireEvent.change(await screen.findByLabelText('服务器地址'), { target: { value: SERVER } });
    fireEvent.change(screen.getByLabelText('服务器账号'), { target: { value: 'clerk1' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: '连 接' }));
    const alert = await screen.findByText(unreachable.message);
    expect(alert.closest('[data-error-code]')?.getAttribute('data-error-code')).toBe('SYNC_UNREACHABLE');
    expect(screen.getByText('处理办法：请核对服务器地址和端口')).toBeTruthy();
    // The password does not stay in the form.
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
  });

  it('follows each version’s upload on its bar, and shows a failure with its remedy', async () => {
    const unreachable = new CourtError('SYNC_UNREACHABLE', { message: `无法连接法院服务器 ${SERVER}` }).toData();
    const h = host(
      online({
        running: true,
        pending: 2,
        queue: [
          item({ outboxId: 1, state: 'uploading', bytesDone: 2 * MiB }),
          item({ outboxId: 2, dossierId: 'case-2', caseNumber: '（2024）苏0506民初89号', bytesTotal: 3 * MiB }),
          item({ outboxId: 0, dossierId: 'case-0', caseNumber: '（2024）苏0506民初87号', state: 'done', bytesDone: 8 * MiB, versionNo: 3, doneAt: '2024-05-06T07:00:00.000Z' }),
        ],
      }),
    );
    renderWithCourt(<SyncPage />, h.transport);
    await screen.findByTestId('sync-queue');
    expect(bar('（2024）苏0506民初88号').getAttribute('aria-valuenow')).toBe('25');
    expect(bar('（2024）苏0506民初89号').getAttribute('aria-valuenow')).toBe('0');
    expect(bar('（2024）苏0506民初87号').getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('服务器第 3 版')).toBeTruthy();
    expect(screen.getByText(/2\.0 MB \/ 8\.0 MB/)).toBeTruthy();

    act(() => h.emit('sync.state', online({ running: true, queue: [item({ outboxId: 1, state: 'uploading', bytesDone: 6 * MiB })] })));
    await waitFor(() => expect(bar('（2024）苏0506民初88号').getAttribute('aria-valuenow')).toBe('75'));

    act(() =>
      h.emit(
        'sync.state',
        online({ connection: 'offline', lastError: unreachable, queue: [item({ outboxId: 1, state: 'failed', bytesDone: 6 * MiB, error: unreachable })] }),
      ),
    );
    const row = await screen.findByTestId('sync-queue-item');
    await waitFor(() => expect(row.getAttribute('data-state')).toBe('failed'));
    expect(within(row).getByText('失败')).toBeTruthy();
    expect(within(row).getByText(/处理办法：请检查网络与服务器地址/)).toBeTruthy();
    expect(screen.getByTestId('sync-indicator').textContent).toContain('离线');
    expect(screen.getByTestId('sync-last-error').getAttribute('data-error-code')).toBe('SYNC_UNREACHABLE');
  });

  it('立即同步, 暂停 and 继续 by button and by keyboard', async () => {
    let paused = false;
    const h = host(online(), {
      'sync.syncNow': () => ({ ok: true, value: online({ running: true }) }),
      'sync.pause': () => ((paused = true), { ok: true, value: online({ paused: true, running: true }) }),
      'sync.resume': () => ((paused = false), { ok: true, value: online({ running: true }) }),
    });
    renderWithCourt(<SyncPage />, h.transport);
    fireEvent.click(await screen.findByRole('button', { name: /立即同步/ }));
    await waitFor(() => expect(h.calls.filter((c) => c.channel === 'sync.syncNow')).toHaveLength(1));

    fireEvent.click(screen.getByRole('button', { name: /暂\s?停/ }));
    expect(await screen.findByRole('button', { name: /继\s?续/ })).toBeTruthy();
    expect(paused).toBe(true);
    expect((screen.getByRole('button', { name: /立即同步/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('sync-indicator').textContent).toContain('同步已暂停');

    fireEvent.keyDown(window, { key: 'F8' });
    expect(await screen.findByRole('button', { name: /暂\s?停/ })).toBeTruthy();
    expect(paused).toBe(false);
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(h.calls.filter((c) => c.channel === 'sync.syncNow')).toHaveLength(2));
  });

  it('explains the conflict rule and lists what the server replaced', async () => {
    renderWithCourt(<SyncPage />, host(online(), { 'sync.conflicts': () => ({ ok: true, value: [conflict] }) }).transport);
    const conflicts = await screen.findByTestId('sync-conflicts');
    expect(within(conflicts).getByText('冲突规则：以法院服务器为准')).toBeTruthy();
    expect(within(conflicts).getByText(/案由和当事人由法院案件管理系统负责/)).toBeTruthy();
    expect(await within(conflicts).findByText('本机改过的案由')).toBeTruthy();
    expect(within(conflicts).getByText('张三诉李四借款合同纠纷')).toBeTruthy();
    expect(within(conflicts).getByText('以服务器为准')).toBeTruthy();
    expect(within(conflicts).getByText('案由/标题')).toBeTruthy();
  });

  it('says when another process is syncing this workstation', async () => {
    renderWithCourt(<SyncPage />, host(online({ elsewhere: { label: 'courtdesk sync', pid: 4242, host: 'ws-01', since: '2024-05-06T07:08:09.000Z' } })).transport);
    expect((await screen.findByTestId('sync-elsewhere')).textContent).toContain('另一个同步正在进行（courtdesk sync，ws-01 上的进程 4242）');
  });
});
