import { defineConfig } from 'vitest/config';

/**
 * End-to-end files with no timing-bound assertion (no delay, cadence, backoff or responsiveness
 * measured; each has its own servers and temp dirs). They run two at a time: most of their time
 * is npm, Playwright's runner or a browser starting, so a second file fills the wait. The
 * skeleton, coverage, conformance and fault files check what is captured, what the page
 * observes and what a fault does to it (orders, counts, codes, never a duration). The
 * library-clients files check profiles, sessions, heartbeat counts and codes of real libraries
 * (most of their time is waiting for a library's 20–40 s heartbeat, which a second file fills);
 * the profile-menu files check what the menu shows, stores and exports; record-cli checks what
 * `wavetrace record` writes (redaction, at least a few frames, the page visible) and its one-line
 * errors; record-interrupt what a signal leaves behind (the file's frames, exit code, no temp folder). Every other e2e file, and every new one, runs alone. Not here on purpose: viewer and viewer-hostile
 * (a page must answer within 5 s while it parses 200 MB or inflates a gzip bomb, and the two
 * together missed it on a loaded machine), learn-protocols (a heartbeat interval learned from
 * real timers must come out exact), panel-export (the report's size shown names a file
 * stamped to the second, and the saved one must match it), the panel suites (the reconnect
 * span's text is a measured delay), the capture suites (bursts against the hook's ring buffer).
 */
const E2E_PAIRED = [
  'test/e2e/har-devtools.test.ts',
  'test/e2e/installed-record.test.ts',
  'test/e2e/playwright-fixture.test.ts',
  'test/e2e/report.test.ts',
  'test/e2e/skeleton-chromium.test.ts',
  'test/e2e/skeleton-firefox.test.ts',
  'test/e2e/hook-coverage-chromium.test.ts',
  'test/e2e/hook-coverage-firefox.test.ts',
  'test/e2e/hook-conformance-chromium.test.ts',
  'test/e2e/hook-conformance-firefox.test.ts',
  'test/e2e/fault-chromium.test.ts',
  'test/e2e/fault-firefox.test.ts',
  'test/e2e/profile-menu-firefox.test.ts',
  'test/e2e/profile-menu-chromium.test.ts',
  'test/e2e/library-clients-chromium.test.ts',
  'test/e2e/library-clients-firefox.test.ts',
  'test/e2e/record-cli.test.ts',
  'test/e2e/record-interrupt.test.ts',
];

/** What both e2e projects share: Node, real browsers, long timeouts (a browser launch on a loaded 2-core machine). */
const E2E = {
  environment: 'node',
  // Real browsers on a 2-core machine: a test that fails on timing gets one more run,
  // and vitest reports the retry (a flaky test shows up, it does not hide).
  retry: 1,
  testTimeout: 120000,
  hookTimeout: 120000,
} as const;

/**
 * Three projects, run one after the other (docs/design.md#testing): `unit` (pure core, CLI,
 * reference app, components; parallel, in Node or happy-dom), `e2e-paired` (the files above,
 * two at a time) and `e2e` (real Chromium / Firefox with the built extension, one file at a
 * time: their tests measure real timers, which a second browser on a 2-core machine would bend).
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
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...E2E,
          name: 'e2e-paired',
          include: E2E_PAIRED,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          ...E2E,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: E2E_PAIRED,
          fileParallelism: false,
          // After unit and e2e-paired: nothing else runs beside the timing-bound browser tests.
          sequence: { groupOrder: 2 },
          // Tests marked concurrent run two at a time: profile learning's recordings, the bug-report
          // replays that compare no times, the resilience checks of real libraries (each in its
          // own window: a tab opened beside another has it as opener, and the hub routes an
          // opened tab to its opener's panel too).
          maxConcurrency: 2,
        },
      },
    ],
  },
});
