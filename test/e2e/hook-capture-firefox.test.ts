/** "Nothing lost" (test/e2e/lib/capture-suite.ts) in real Firefox. */
import { describe } from 'vitest';
import { defineCaptureSuite } from './lib/capture-suite';
import { openFirefox } from './lib/suite-browser';

describe('nothing lost, in Firefox', () => {
  defineCaptureSuite(() => openFirefox());
});
