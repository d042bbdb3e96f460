/** The panel suite (test/e2e/lib/panel-suite.ts) in real Chromium DevTools, 1280 wide. */
import { describe } from 'vitest';
import { definePanelSuite } from './lib/panel-suite';
import { openChromium } from './lib/suite-browser';

describe('the Wavetrace panel in Chromium DevTools', () => {
  definePanelSuite(() => openChromium({ devtools: true, width: 1280, height: 1200 }), {
    // The first connection lived < stableAfterMs (10 s), so k = 1 and E = 1 s (docs/design.md#reconnects-and-backoff).
    reconnectSpan: /^↻ \d+ ms · expected 1\.0 s — Reconnect #1 after \d+ ms; after 1 failed connection in a row, backoff expects 1\.0 s/,
  });
});
