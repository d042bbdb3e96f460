import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure core, CLI, reference app, components; parallel, in Node or
 * happy-dom) and `e2e` (real Chromium / Firefox with the built extension; one file at a time,
 * since the machine has 2 cores and each file starts a browser).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          // Real browsers on a 2-core machine: a test that fails on timing gets one more run,
          // and vitest reports the retry (a flaky test shows up, it does not hide).
          retry: 1,
          testTimeout: 120000,
          hookTimeout: 120000,
        },
      },
    ],
  },
});
