import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getCase } from '../../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../../core/config/dataDir.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { addDocument } from '../../helpers/dossierFixture.js';
import { renderTextPage } from '../../helpers/pageImages.js';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const CASE_NUMBER = '（2024）苏0506民初3001号';

/** The materials of the case, put in the web host's store as scanning would: a one-page complaint and a two-page judgment. */
async function fileMaterials(caseNumber: string): Promise<void> {
  const dataDir = process.env.COURTDESK_E2E_DATA_DIR;
  if (!dataDir) throw new Error('globalSetup did not pass the fixture data directory (COURTDESK_E2E_DATA_DIR)');
  const complaint = await renderTextPage(['民事起诉状', '原告张三，男，汉族。', '被告李四借款伍万元整。']);
  const judgment = await renderTextPage(['江苏省苏州市吴中区人民法院', '民事判决书', '判决如下：被告于十日内归还借款。']);
  const db = openDatabase(storeFile(dataDir));
  try {
    const blobs = new BlobStore(blobDir(dataDir));
    const { id } = getCase(db, caseNumber);
    addDocument(db, blobs, id, 1, '起诉状', [{ master: complaint.jpeg, mediaType: 'image/jpeg', page: complaint }]);
    addDocument(db, blobs, id, 2, '判决书', [
      { master: judgment.g4, mediaType: 'image/tiff', page: judgment },
      { master: judgment.jpeg, mediaType: 'image/jpeg', page: judgment },
    ]);
  } finally {
    db.close();
  }
}

const nav = (page: Page, item: string) => page.getByRole('menu').getByText(item, { exact: true }).click();

test('a clerk opens the 卷宗, exports it with live progress, downloads the PDF, and 校验 finds it 完整', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  // The events the browser receives, to see the progress that drives the bar.
  const events: { event: string; payload: { done?: number; total?: number | null; state?: string } }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { event?: string; payload?: never };
      if (frame.event?.startsWith('job.')) events.push({ event: frame.event, payload: frame.payload! });
    }),
  );
  await page.goto(url);
  await signInAsAdmin(page, password);
  await createCaseInForm(page, { number: CASE_NUMBER, title: '民间借贷纠纷', party: '张三' });

  // Before any material: the empty state says where pages come from.
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: CASE_NUMBER });
  await row.getByRole('button', { name: '打开卷宗' }).click();
  await expect(page.getByText('案件尚无页面：请先在“扫描”中扫描或导入材料')).toBeVisible();
  await expect(page.getByRole('button', { name: '生成电子卷宗' })).toBeDisabled();

  await fileMaterials(CASE_NUMBER);
  await nav(page, '案件');
  await row.getByRole('button', { name: '打开卷宗' }).click();

  // The catalogue in order with page ranges, and the pages of the chosen document.
  const documents = page.getByTestId('catalogue-document');
  await expect(documents).toHaveCount(2);
  await expect(documents.nth(0)).toContainText('起诉状');
  await expect(documents.nth(0)).toContainText('第 1 页');
  await expect(documents.nth(1)).toContainText('判决书');
  await expect(documents.nth(1)).toContainText('第 2–3 页');
  await expect(page.locator('.dossier-summary')).toContainText('2 份材料，共 3 页');
  await documents.nth(1).click();
  const tiles = page.getByTestId('dossier-page');
  await expect(tiles).toHaveCount(2);
  await expect(tiles.first()).toContainText('第 2 页');
  await expect(tiles.first().locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);

  // Ctrl+E starts the export; the bar follows job.progress to 100 %.
  await page.locator('body').click();
  await page.keyboard.press('Control+e');
  const progress = page.getByTestId('job-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('job-state')).toHaveText('已完成', { timeout: 60_000 });
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const lastProgress = events.filter((e) => e.event === 'job.progress').at(-1)?.payload;
  expect(lastProgress).toMatchObject({ done: 3, total: 3 });
  expect(events.filter((e) => e.event === 'job.state').map((e) => e.payload.state)).toEqual(['queued', 'running', 'done']);
  await expect(page.getByTestId('export-result')).toContainText('2 份材料，3 页');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^（2024）苏0506民初3001号-\d{8}-\d{6}\.pdf$/);
  const saved = testInfo.outputPath('dossier.pdf');
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [saved], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+5/);
  expect(info).toContain('（2024）苏0506民初3001号 电子卷宗');
  // A second 下载 gets a fresh single-use link.
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载' }).click()]);
  expect(again.suggestedFilename()).toBe(download.suggestedFilename());

  await page.getByRole('button', { name: '校验' }).click();
  const verdict = page.getByTestId('verify-result');
  await expect(verdict).toHaveAttribute('data-status', 'intact');
  await expect(verdict).toContainText('完整');
  await expect(verdict).toContainText('共 3 页');
  await expect(verdict).toHaveClass(/ant-alert-success/);

  const ledger = page.getByRole('table').last();
  await expect(ledger).toContainText('签名检查点');
  await expect(ledger).toContainText('导出登记');
  await expect(ledger).toContainText(/courtdesk-[0-9a-f]{8}/);
  await expect(page.getByTestId('ledger-coverage')).toContainText('本案 3/3 页已登记');

  await page.screenshot({ path: testInfo.outputPath('dossier.png'), fullPage: true });
  await testInfo.attach('dossier', { path: testInfo.outputPath('dossier.png'), contentType: 'image/png' });
  expect(pageErrors).toEqual([]);
});
