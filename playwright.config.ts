import { defineConfig } from '@playwright/test';
import { debianChromium } from './tests/e2e/support/debianChromium.js';

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
    ...debianChromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
