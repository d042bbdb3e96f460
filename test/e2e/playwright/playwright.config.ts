/**
 * Playwright project of the fixture test (test/e2e/playwright-fixture.test.ts runs it with
 * `npx playwright test -c <this file>`): the system Chromium, one worker, no retries (a
 * failure is the result under test), nothing downloaded.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.pw.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  outputDir: process.env.WAVETRACE_PW_OUTPUT ?? 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
