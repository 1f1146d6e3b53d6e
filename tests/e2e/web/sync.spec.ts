import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCase } from '../../../core/cases/caseRepository.js';
import { blobDir, storeFile } from '../../../core/config/dataDir.js';
import { BlobStore } from '../../../core/store/blobStore.js';
import { openDatabase } from '../../../core/store/database.js';
import { addDocument } from '../../helpers/dossierFixture.js';
import { renderTextPage } from '../../helpers/pageImages.js';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { addUser, adminToken, api, spawnServer, type ServerProcess } from '../../integration/server/serverProcess.js';
import { collectPageErrors, createCaseInForm, signInAsAdmin } from '../support/ui.js';
import { fixture } from './fixture.js';

const CASE_NUMBER = '（2024）苏0506民初3101号';

// The court server the workstation syncs to: the real one, over a PostgreSQL cluster of its own on loopback.
let pg: TestPostgres;
let court: ServerProcess;
let courtDir: string;
let clerkPassword: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  courtDir = mkdtempSync(join(tmpdir(), 'courtdesk-e2e-court-'));
  pg = await startTestPostgres();
  court = await spawnServer({ dataDir: courtDir, databaseUrl: pg.url });
  clerkPassword = await addUser(court.url, await adminToken(court.url), 'clerk-e2e', ['clerk']);
});

test.afterAll(async () => {
  await court?.kill('SIGTERM');
  await pg?.stop();
  rmSync(courtDir, { recursive: true, force: true });
});

/** A one-page complaint in the web host's store, as scanning would have left it. */
async function fileMaterial(caseNumber: string): Promise<void> {
  const dataDir = process.env.COURTDESK_E2E_DATA_DIR;
  if (!dataDir) throw new Error('globalSetup did not pass the fixture data directory (COURTDESK_E2E_DATA_DIR)');
  const complaint = await renderTextPage(['民事起诉状', '原告王五，男，汉族。', '被告赵六借款叁万元整。']);
  const db = openDatabase(storeFile(dataDir));
  try {
    addDocument(db, new BlobStore(blobDir(dataDir)), getCase(db, caseNumber).id, 1, '起诉状', [{ master: complaint.jpeg, mediaType: 'image/jpeg', page: complaint }]);
  } finally {
    db.close();
  }
}

const nav = (page: Page, item: string) => page.getByRole('menu').getByText(item, { exact: true }).click();

test('an administrator connects the workstation to the court server; an exported e-dossier goes up by itself, and the page tells offline from online', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { url, password } = fixture();
  const pageErrors = collectPageErrors(page);
  await page.goto(url);
  await signInAsAdmin(page, password);
  const light = page.locator('.app-header').getByTestId('sync-indicator');
  await expect(light).toHaveText('未连接服务器');

  // 同步: connect with the server account.
  await nav(page, '同步');
  await expect(page.getByRole('heading', { name: '同步' })).toBeVisible();
  await expect(page.getByTestId('sync-conflict-rule')).toContainText('以法院服务器为准');
  await page.getByLabel('服务器地址').fill(court.url);
  await page.getByLabel('服务器账号').fill('clerk-e2e');
  await page.getByLabel('密码').fill(clerkPassword);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByTestId('sync-server')).toHaveText(court.url);
  await expect(light).toHaveText(/在线|同步中/);

  // An export on the 卷宗 page joins the queue and is uploaded without anyone pressing anything.
  await nav(page, '案件');
  await createCaseInForm(page, { number: CASE_NUMBER, title: '民间借贷纠纷', party: '王五' });
  await fileMaterial(CASE_NUMBER);
  const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: CASE_NUMBER });
  await row.getByRole('button', { name: '打开卷宗' }).click();
  await page.getByRole('button', { name: '生成电子卷宗' }).click();
  await expect(page.getByTestId('job-state')).toHaveText('已完成', { timeout: 60_000 });

  await nav(page, '同步');
  const item = page.getByTestId('sync-queue-item').filter({ hasText: CASE_NUMBER });
  await expect(item).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(item).toContainText('服务器第 1 版');
  await expect(item.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const admin = await adminToken(court.url);
  const onServer = await api<{ dossiers: { caseNumber: string; versions: unknown[] }[] }>(court.url, 'GET', `/api/dossiers?case=${encodeURIComponent(CASE_NUMBER)}`, { token: admin });
  expect(onServer.body.dossiers).toEqual([expect.objectContaining({ caseNumber: CASE_NUMBER, versions: [expect.anything()] })]);

  // 暂停 / 继续 (F8 does the same).
  await page.getByRole('button', { name: /暂\s?停/ }).click();
  await expect(light).toHaveText('同步已暂停');
  await expect(page.getByRole('button', { name: '立即同步' })).toBeDisabled();
  await page.keyboard.press('F8');
  await expect(page.getByRole('button', { name: /暂\s?停/ })).toBeVisible();

  // The court server goes away: 离线, with what to do; it comes back: 在线 again.
  const port = court.port;
  await court.kill('SIGKILL');
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(light).toHaveText('离线', { timeout: 30_000 });
  await expect(page.getByTestId('sync-last-error')).toContainText('无法连接法院服务器');
  await expect(page.getByTestId('sync-last-error')).toContainText('处理办法：');
  court = await spawnServer({ dataDir: courtDir, databaseUrl: pg.url, port });
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(light).toHaveText(/在线|同步中/, { timeout: 30_000 });
  await expect(page.getByTestId('sync-last-error')).toBeHidden();

  await page.screenshot({ path: testInfo.outputPath('sync.png'), fullPage: true });
  await testInfo.attach('sync', { path: testInfo.outputPath('sync.png'), contentType: 'image/png' });
  expect(pageErrors).toEqual([]);
});
