/** The walking skeleton (test/e2e/lib/skeleton-suite.ts) in real Chromium, the panel inside real DevTools. */
import { describe } from 'vitest';
import { defineSkeletonSuite } from './lib/skeleton-suite';
import { openChromium } from './lib/suite-browser';

describe('walking skeleton in Chromium DevTools', () => {
  defineSkeletonSuite(() => openChromium({ devtools: true }));
});
