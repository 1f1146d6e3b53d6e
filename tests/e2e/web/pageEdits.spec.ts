import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const CASE_NUMBER = '（2024）苏0508民初2002号';

const choice = (page: Page, text: string) => page.locator('.ant-select-item-option', { hasText: text });
/** The tile's thumbnail as the browser decoded it is wider than tall. */
const landscape = (tile: Locator) =>
  tile.locator('img').evaluate((el) => {
    const img = el as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number };
    return img.complete && img.naturalWidth > img.naturalHeight;
  });

test('an operator turns a page with R, moves it with Alt+→, removes and restores one, and prints the 收件回执', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  await page.goto(url);
  await signInAsAdmin(page, password);
  await createCaseInForm(page, { number: CASE_NUMBER, title: '买卖合同纠纷', party: '江苏某贸易有限公司' });

  await page.getByRole('menu').getByText('扫描', { exact: true }).click();
  await page.getByLabel('案件', { exact: true }).click();
  await page.getByLabel('案件', { exact: true }).fill('2002');
  await choice(page, '2002').click();
  await page.getByLabel('扫描仪', { exact: true }).click();
  await choice(page, 'test:0').click();
  await page.getByRole('radio', { name: '自动进纸器' }).check({ force: true });
  await page.getByRole('radio', { name: '灰度' }).check({ force: true });
  await page.getByLabel('分辨率', { exact: true }).click();
  await choice(page, '150 dpi').click();
  // The test device's pattern needs no turning; skipping the check keeps the run short.
  await page.getByRole('checkbox', { name: /自动纠正页面方向/ }).uncheck({ force: true });
  await page.getByRole('button', { name: '开始扫描' }).click();
  const tiles = page.getByRole('option');
  await expect(tiles).toHaveCount(10, { timeout: 150_000 });
  await expect(page.getByTestId('scan-state')).toHaveText('扫描完成');
  await expect(page.getByText('R 顺时针旋转')).toBeVisible();

  // R turns the selected page; Alt+→ moves it one place on, and it stays selected.
  const second = page.getByRole('option', { name: '第 2 页', exact: true });
  await second.click();
  expect(await landscape(second)).toBe(false);
  await page.keyboard.press('r');
  await expect.poll(() => landscape(second)).toBe(true);
  await page.keyboard.press('Alt+ArrowRight');
  const third = page.getByRole('option', { name: '第 3 页', exact: true });
  await expect(third).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => landscape(third)).toBe(true);
  expect(await landscape(second)).toBe(false);

  // Delete removes the page at once; 撤销 brings it back.
  await page.getByRole('option', { name: '第 5 页', exact: true }).click();
  await page.keyboard.press('Delete');
  await expect(tiles).toHaveCount(9);
  await page.getByRole('button', { name: '撤销（Ctrl+Z）' }).click();
  await expect(tiles).toHaveCount(10);
  await page.screenshot({ path: testInfo.outputPath('page-edits.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '打印收件回执' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^收件回执-（2024）苏0508民初2002号-SJ\d{8}-\d{6}\.pdf$/);
  const saved = testInfo.outputPath('receipt.pdf');
  await download.saveAs(saved);
  await expect(page.getByText(/收件回执 SJ\d{8}-\d{6} 已生成（共 10 页材料）/)).toBeVisible();
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' });
  for (const expected of ['收件回执', CASE_NUMBER, '江苏某贸易有限公司', '纸质材料扫描（test:0）', '系统管理员', '合计：共收到材料 10 页', '交件人（签名）']) expect(text).toContain(expected);
  expect(execFileSync('qpdf', ['--check', saved], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  expect(pageErrors).toEqual([]);
});
