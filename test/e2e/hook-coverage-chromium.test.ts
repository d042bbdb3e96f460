/** The coverage suite (test/e2e/lib/coverage-suite.ts) in real Chromium. */
import { describe } from 'vitest';
import { defineCoverageSuite } from './lib/coverage-suite';
import { openChromium } from './lib/suite-browser';

describe('coverage in Chromium', () => {
  defineCoverageSuite(() => openChromium());
});
