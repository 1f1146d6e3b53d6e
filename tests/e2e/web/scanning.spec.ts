import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const CASE_NUMBER = '（2024）苏0508民初2001号';

/** Ant Design's visible option (its listbox also renders hidden copies for screen readers). */
const choice = (page: Page, text: string) => page.locator('.ant-select-item-option', { hasText: text });

test('an operator scans the test feeder into a case and watches ten pages arrive', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  await page.goto(url);
  await signInAsAdmin(page, password);
  await createCaseInForm(page, { number: CASE_NUMBER, title: '买卖合同纠纷', party: '江苏某贸易有限公司' });

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
