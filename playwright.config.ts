import { defineConfig } from '@playwright/test';

/**
 * The browser e2e against the real web host (tests/e2e/web/globalSetup.ts starts it over a
 * fresh data directory). Debian's Chromium is used because browsers cannot be downloaded here.
 */
export default defineConfig({
  testDir: 'tests/e2e/web',
  outputDir: 'test-results/e2e-web',
  globalSetup: './tests/e2e/web/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
