/** The coverage suite (test/e2e/lib/coverage-suite.ts) in real Firefox. */
import { describe } from 'vitest';
import { defineCoverageSuite } from './lib/coverage-suite';
import { openFirefox } from './lib/suite-browser';

describe('coverage in Firefox', () => {
  defineCoverageSuite(() => openFirefox());
});
