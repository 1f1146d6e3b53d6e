import type { PlaywrightTestOptions, LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium as every browser e2e uses it: Playwright cannot download its own browsers on
 * these machines. A Chinese court's desk: zh-CN, Beijing time, a common laptop screen.
 */
export const debianChromium: Partial<PlaywrightTestOptions> & { browserName: 'chromium'; launchOptions: LaunchOptions } = {
  browserName: 'chromium',
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1366, height: 800 },
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};
