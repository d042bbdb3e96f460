/** "Nothing lost" (test/e2e/lib/capture-suite.ts) in real Chromium. */
import { describe } from 'vitest';
import { defineCaptureSuite } from './lib/capture-suite';
import { openChromium } from './lib/suite-browser';

describe('nothing lost, in Chromium', () => {
  defineCaptureSuite(() => openChromium());
});
