import { expect, test, type Page } from '@playwright/test';
import { blobDir, storeFile } from '../../../core/config/dataDir.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { loadDossiers } from '../../fixtures/catalogue/dossier.js';
import { fileScannedDossier } from '../../helpers/catalogueFixture.js';
import { collectPageErrors, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const civil = loadDossiers().find((d) => d.name === 'civil-first-instance-loan')!;

/** The 29 pages of a civil loan dossier as scanning and OCR leave them in the web host's store, not yet catalogued. */
async function fileScannedCase(): Promise<void> {
  const dataDir = process.env.COURTDESK_E2E_DATA_DIR;
  if (!dataDir) throw new Error('globalSetup did not pass the fixture data directory (COURTDESK_E2E_DATA_DIR)');
  const db = openDatabase(storeFile(dataDir));
  try {
    await fileScannedDossier(db, new BlobStore(blobDir(dataDir)), civil, { scale: 0.6 });
  } finally {
    db.close();
  }
}

const choice = (page: Page, text: string) => page.locator('.ant-select-item-option', { hasText: text });
const nav = (page: Page, item: string) => page.getByRole('menu').getByText(item, { exact: true }).click();
const pickCase = async (page: Page) => {
  await page.getByLabel('案件', { exact: true }).click();
  await page.getByLabel('案件', { exact: true }).fill('6612');
  await choice(page, '6612').click();
};

test('a verifier checks the machine’s catalogue of a scanned case from the keyboard, saves it, and the acceptance share and the 卷宗 follow', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  await fileScannedCase();
  await page.goto(url);
  await signInAsAdmin(page, password);

  await nav(page, '编目');
  const acceptance = page.locator('.catdesk-acceptance-card');
  await expect(acceptance).toContainText('尚无人工确认的编目');
  await pickCase(page);

  // The machine's proposal: 19 documents in the standard's order, the first page large beside its text.
  const documents = page.getByTestId('catdesk-document');
  await expect(documents).toHaveCount(19);
  await expect(page.getByText('机器编目建议')).toBeVisible();
  await expect(documents.nth(3)).toContainText('受理案件通知书');
  await expect(page.getByAltText('第 1 页')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await expect(page.getByTestId('catdesk-ocr')).toContainText('河南省郑州市金水区人民法院');
  await expect(page.getByLabel('快捷键')).toContainText('与前一份材料合并');

  // J/K move page by page, → document by document; Enter accepts and moves on.
  await page.keyboard.press('j');
  await expect(page.getByTestId('catdesk-ocr')).toHaveCount(0);
  await expect(page.getByText('该页尚无识别文字')).toBeVisible();
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(documents.nth(0)).toHaveAttribute('data-state', 'accepted');
  await expect(documents.nth(1)).toHaveAttribute('aria-current', 'true');

  // The WeChat log is not evidence but an investigation record: C, type, Enter.
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(documents.nth(9)).toHaveAttribute('aria-current', 'true');
  await expect(documents.nth(9)).toContainText('微信聊天记录');
  await page.keyboard.press('c');
  const search = page.getByRole('dialog').getByRole('combobox');
  await expect(search).toBeFocused();
  await search.fill('调查');
  await search.press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  const changed = page.locator('[data-testid="catdesk-document"][data-state="changed"]');
  await expect(changed).toContainText('询问、调查笔录');
  await expect(changed).toContainText('第 9–10 页');

  await page.keyboard.press('n');
  await expect(page.getByText('没有待核对的材料了，可按 Ctrl+S 保存编目')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('编目已保存；1 处更正已用于训练编目模型')).toBeVisible();
  await expect(page.getByTestId('catdesk-confirmed')).toContainText('已由 admin');
  await expect(page.locator('[data-testid="catdesk-document"][data-state="confirmed"]')).toHaveCount(19);

  // The supervisor's share: 27 of 29 pages kept the machine's category.
  const share = page.getByTestId('catdesk-acceptance');
  await expect(share).toContainText('93.1%');
  await expect(share).toContainText('27/29 页');
  await expect(share).toContainText('admin');
  await page.screenshot({ path: testInfo.outputPath('catalogue.png'), fullPage: true });
  await testInfo.attach('catalogue', { path: testInfo.outputPath('catalogue.png'), contentType: 'image/png' });

  // The 卷宗 holds the documents in the same prescribed order.
  await nav(page, '卷宗');
  await pickCase(page);
  const outline = page.getByTestId('catalogue-document');
  await expect(outline).toHaveCount(19);
  await expect(outline.nth(3)).toContainText('受理案件通知书');
  await expect(outline.nth(9)).toContainText('询问、调查笔录');
  expect(pageErrors).toEqual([]);
});
