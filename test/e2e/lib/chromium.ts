/**
 * Real Chromium with the built extension for the e2e tests. The implementation moved to
 * src/cli/browser/chromium.ts (the CLI's `record` drives the same browser); this module keeps
 * the tests' import path working.
 */
export * from '../../../src/cli/browser/chromium';
