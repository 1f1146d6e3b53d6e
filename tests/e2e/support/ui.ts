import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions, CSP violations included: the UI must run clean under its policy. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Signs in on the login page already shown, as the first administrator. */
export async function signInAsAdmin(page: Page, password: string): Promise<void> {
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('current-user')).toHaveText('系统管理员');
}

/** Creates a case through the 新建案件 form with one party, and waits for the form to close. */
export async function createCaseInForm(page: Page, c: { number: string; title: string; party: string }): Promise<void> {
  await page.getByRole('button', { name: '新建案件' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('案号').fill(c.number);
  await dialog.getByLabel('案由/标题').fill(c.title);
  await dialog.getByLabel('姓名或名称 1').fill(c.party);
  await dialog.getByRole('button', { name: '创 建' }).or(dialog.getByRole('button', { name: '创建' })).click();
  await expect(dialog).toBeHidden();
}
