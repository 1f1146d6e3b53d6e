/** Environment variable the Electron e2e sets to receive the first administrator's password. */
export const e2ePasswordFileVariable = 'COURTDESK_E2E_ADMIN_PASSWORD_FILE';

export type PasswordDelivery = { kind: 'dialog' } | { kind: 'file'; path: string };

/**
 * Where the one-time password goes: a native dialog, except in an unpackaged (development or
 * test) run that names a file, so Playwright can sign in without a modal it cannot click.
 * A packaged build ignores the variable, so nothing outside the dialog ever sees the password.
 */
export function passwordDelivery(opts: { isPackaged: boolean; env: NodeJS.ProcessEnv }): PasswordDelivery {
  const path = opts.env[e2ePasswordFileVariable];
  return !opts.isPackaged && path ? { kind: 'file', path } : { kind: 'dialog' };
}

export function initialPasswordMessage(password: string): string {
  return `首次启动已创建管理员账号 admin，初始密码：${password}，请登录后立即修改`;
}
