/** The walking skeleton (test/e2e/lib/skeleton-suite.ts) in real Firefox, the panel page as a tab. */
import { describe } from 'vitest';
import { defineSkeletonSuite } from './lib/skeleton-suite';
import { openFirefox } from './lib/suite-browser';

describe('walking skeleton in Firefox', () => {
  defineSkeletonSuite(() => openFirefox());
});
