/**
 * A minimal CDP client for the e2e tests. The implementation moved to src/cli/browser/cdp.ts;
 * this module keeps the tests' import path working.
 */
export * from '../../../src/cli/browser/cdp';
