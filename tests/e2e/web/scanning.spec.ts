import { expect, test, type Page } from '@playwright/test';

const CASE_NUMBER = '（2024）苏0508民初2001号';

function fixture(): { url: string; password: string } {
  const setupError = process.env.COURTDESK_E2E_SETUP_ERROR;
  if (setupError) throw new Error(setupError);
  const url = process.env.COURTDESK_E2E_URL;
  const password = process.env.COURTDESK_E2E_ADMIN_PASSWORD;
  if (!url || !password) throw new Error('globalSetup did not start the web host (see tests/e2e/web/globalSetup.ts)');
  return { url, password };
}

/** Ant Design's visible option (its listbox also renders hidden copies for screen readers). */
const choice = (page: Page, text: string) => page.locator('.ant-select-item-option', { hasText: text });

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

test('an operator scans the test feeder into a case and watches ten pages arrive', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  await page.goto(url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('current-user')).toHaveText('系统管理员');

  await page.getByRole('button', { name: '新建案件' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('案号').fill(CASE_NUMBER);
  await dialog.getByLabel('案由/标题').fill('买卖合同纠纷');
  await dialog.getByLabel('姓名或名称 1').fill('江苏某贸易有限公司');
  await dialog.getByLabel('案号').press('Enter');
  await expect(dialog).toBeHidden();

  await page.getByRole('menu').getByText('扫描', { exact: true }).click();
  await expect(page.getByText('请先选择要扫描入卷的案件').first()).toBeVisible();

  // The case, found by a fragment of its number.
  await page.getByLabel('案件', { exact: true }).click();
  await page.getByLabel('案件', { exact: true }).fill('2001');
  await choice(page, '2001').click();

  // The test device and what it can do.
  await page.getByLabel('扫描仪', { exact: true }).click();
  await choice(page, 'test:0').click();
  const caps = page.locator('.scan-capabilities');
  await expect(caps).toContainText('自动进纸器');
  await expect(caps).toContainText('灰度');
  await expect(caps).toContainText('1200 dpi');

  await page.getByRole('radio', { name: '自动进纸器' }).check({ force: true });
  await page.getByRole('radio', { name: '灰度' }).check({ force: true });
  await page.getByLabel('分辨率', { exact: true }).click();
  await choice(page, '150 dpi').click();
  await expect(page.getByText('F9 或 Ctrl+Enter')).toBeVisible();

  await page.locator('body').click();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('scan-state')).toHaveText('正在扫描');
  const thumbnails = page.getByTestId('scan-thumbnail');
  await expect(thumbnails).toHaveCount(10, { timeout: 150_000 });
  await expect(page.getByTestId('scan-state')).toHaveText('扫描完成');
  await expect(thumbnails.last()).toContainText('第 10 页');
  await expect(thumbnails.first().locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  const status = page.getByTestId('scan-status');
  await expect(status).toContainText('10');
  const batchRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await expect(batchRow).toContainText('扫描完成');
  await expect(batchRow).toContainText('自动进纸器 · 灰度 · 150 dpi');

  await page.screenshot({ path: testInfo.outputPath('scanning.png'), fullPage: true });
  await testInfo.attach('scanning', { path: testInfo.outputPath('scanning.png'), contentType: 'image/png' });

  // Settings are remembered for the device when the operator comes back.
  await page.getByRole('menu').getByText('案件', { exact: true }).click();
  await page.getByRole('menu').getByText('扫描', { exact: true }).click();
  await expect(page.getByLabel('分辨率', { exact: true }).locator('..')).toContainText('150 dpi');
  expect(pageErrors).toEqual([]);
});
