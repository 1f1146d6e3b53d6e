import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CourtError } from '../../core/contract/index.js';
import { SessionProvider } from '../../renderer/features/auth/SessionContext.js';
import { AppGate } from '../../renderer/shell/AppGate.js';
import { fakeHost } from './support/fakeHost.js';
import { componentTestOptions, renderWithCourt } from './support/renderWithCourt.js';

afterEach(cleanup);

const admin = { userId: 1, username: 'admin', displayName: '系统管理员', roles: ['admin' as const] };

function loginHost() {
  let signedIn = false;
  const host = fakeHost((channel, input) => {
    if (channel === 'auth.whoami') return { ok: true, value: signedIn ? admin : null };
    if (channel === 'cases.list') return { ok: true, value: [] };
    const { password } = input as { password: string };
    signedIn = password === 'right-password';
    return signedIn ? { ok: true, value: admin } : { ok: false, error: new CourtError('BAD_CREDENTIALS').toData() };
  });
  /** What the web host does when a connection drops: the session was that connection's. */
  const dropConnection = () => {
    signedIn = false;
    host.setStatus('closed');
  };
  return { ...host, dropConnection };
}

async function typeCredentials(password: string) {
  fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'admin' } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.submit(screen.getByLabelText('密码').closest('form')!);
}

describe('signing in', componentTestOptions, () => {
  it('shows why a sign-in failed and what to do, in Chinese', async () => {
    renderWithCourt(
      <SessionProvider>
        <AppGate />
      </SessionProvider>,
      loginHost().transport,
    );
    await typeCredentials('wrong-password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('用户名或密码错误');
    expect(alert.textContent).toContain('处理办法：请核对后重试；忘记密码请联系管理员重置');
  });

  it('opens the shell with the user’s name, roles and the menu for them', async () => {
    const host = loginHost();
    renderWithCourt(
      <SessionProvider>
        <AppGate />
      </SessionProvider>,
      host.transport,
    );
    await typeCredentials('right-password');
    await waitFor(() => expect(screen.getByText('系统管理员')).toBeTruthy());
    expect(screen.getByText('管理员')).toBeTruthy();
    expect(screen.getByRole('button', { name: /退出登录/ })).toBeTruthy();
    expect(screen.getAllByText('设置').length).toBeGreaterThan(0);
    expect(screen.queryByText('左看右写')).toBeNull();
    expect(host.calls.find((c) => c.channel === 'auth.login')?.input).toEqual({ username: 'admin', password: 'right-password' });
  });

  it('after a dropped connection, says the session ended and asks to sign in again', async () => {
    const host = loginHost();
    renderWithCourt(
      <SessionProvider>
        <AppGate />
      </SessionProvider>,
      host.transport,
    );
    await typeCredentials('right-password');
    await screen.findByText('系统管理员');
    act(() => host.dropConnection());
    expect(await screen.findByText('与工作站服务的连接已断开，正在重新连接…')).toBeTruthy();
    act(() => host.setStatus('open'));
    expect(await screen.findByText('与工作站服务的连接曾中断，请重新登录。')).toBeTruthy();
    expect(screen.getByLabelText('用户名')).toBeTruthy();
  });
});
