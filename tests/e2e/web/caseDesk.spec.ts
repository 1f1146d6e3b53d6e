import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const CASE_NUMBER = '（2024）苏0508民初1234号';

async function signIn(page: Page, password: string): Promise<void> {
  await page.goto(fixture().url);
  await signInAsAdmin(page, password);
}

test('a wrong password is refused with the reason and what to do, in Chinese', async ({ page }, testInfo) => {
  const { url } = fixture();
  await page.goto(url);
  // The token leaves the address bar at once.
  await expect(page).not.toHaveURL(/token=/);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('用户名或密码错误');
  await expect(alert).toContainText('忘记密码请联系管理员重置');
  await page.screenshot({ path: testInfo.outputPath('login-error.png') });
});

test('without the token the page says how to open it', async ({ page }) => {
  const { url } = fixture();
  await page.goto(new URL(url).origin + '/');
  await expect(page.getByText('缺少访问令牌')).toBeVisible();
});

test('admin signs in, creates and finds a case, sees a typed error for a bad 案号, signs out', async ({ page }, testInfo) => {
  const { password } = fixture();
  const pageErrors = collectPageErrors(page);
  await signIn(page, password);

  const nav = page.getByRole('menu');
  for (const item of ['案件', '扫描', '编目', '卷宗', '档案/云柜', '同步', '设置']) await expect(nav.getByText(item, { exact: true })).toBeVisible();
  await expect(nav.getByText('左看右写')).toHaveCount(0);
  await expect(page.getByRole('banner').or(page.locator('.app-header'))).toContainText('管理员');

  // Create the case through the form, with one party.
  await createCaseInForm(page, { number: CASE_NUMBER, title: '民间借贷纠纷', party: '张三' });
  const dialog = page.getByRole('dialog');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(CASE_NUMBER);
  await expect(rows.first()).toContainText('原告：张三');
  await expect(rows.first()).toContainText('admin');

  // A second case, with half-width brackets, keyboard shortcut and two parties.
  await page.locator('body').click();
  await page.keyboard.press('Control+n');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('案号').fill('(2023)苏05民终56号');
  await dialog.getByRole('button', { name: '添加当事人' }).click();
  await dialog.getByLabel('姓名或名称 1').fill('李四');
  await dialog.getByLabel('姓名或名称 2').fill('王五');
  await dialog.getByLabel('案号').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('（2023）苏05民终56号');

  const search = page.getByPlaceholder('按案号片段或当事人搜索');
  await search.fill('1234');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(CASE_NUMBER);
  await search.fill('');
  await expect(rows).toHaveCount(2);
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('张三');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(CASE_NUMBER);
  await search.fill('不存在的当事人');
  await expect(page.getByText('没有找到与“不存在的当事人”匹配的案件')).toBeVisible();
  await search.fill('');
  await expect(rows).toHaveCount(2);

  // An invalid 案号: the server's typed error under the field, nothing added.
  await page.getByRole('button', { name: '新建案件' }).click();
  await dialog.getByLabel('案号').fill('2024民初1');
  await dialog.getByLabel('姓名或名称 1').fill('赵六');
  await dialog.getByRole('button', { name: '创 建' }).or(dialog.getByRole('button', { name: '创建' })).click();
  await expect(dialog).toContainText('案号格式无效');
  await expect(dialog).toContainText('（2024）苏0508民初1234号：年份、法院代字、类型代字、序号');
  await page.screenshot({ path: testInfo.outputPath('case-form-error.png') });
  await dialog.getByRole('button', { name: '取 消' }).or(dialog.getByRole('button', { name: '取消' })).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);

  await page.screenshot({ path: testInfo.outputPath('case-list.png'), fullPage: true });
  await testInfo.attach('case-list', { path: testInfo.outputPath('case-list.png'), contentType: 'image/png' });

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByLabel('用户名')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('areas not built yet say what is coming, and English can be chosen', async ({ page }) => {
  const { password } = fixture();
  await signIn(page, password);
  await page.getByRole('menu').getByText('设置', { exact: true }).click();
  await expect(page.getByText('设置将在此提供')).toBeVisible();
  await page.getByLabel('界面语言').first().click();
  await page.getByTitle('English').click();
  await expect(page.getByRole('menu').getByText('Scanning', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('menu').getByText('Cases', { exact: true }).click();
  await expect(page.locator('.ant-table-thead')).toContainText('Case number');
});
