import { defineConfig } from '@playwright/test';
import { debianChromium } from './tests/e2e/support/debianChromium.js';

/**
 * The desktop e2e. `electron`: the real app through Playwright's Electron driver, skipped with
 * the reason where no Electron binary is installed. `renderer-in-chromium`: the real renderer
 * build and preload bundle in Debian's Chromium under the app:// handler and CSP, against the real
 * core, so the desktop wiring is exercised in a browser even where Electron cannot run.
 */
export default defineConfig({
  testDir: 'tests/e2e/electron',
  outputDir: 'test-results/e2e-electron',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  projects: [
    { name: 'electron', testMatch: 'app.spec.ts' },
    {
      name: 'renderer-in-chromium',
      testMatch: 'rendererInChromium.spec.ts',
      use: {
        ...debianChromium,
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
  ],
});
