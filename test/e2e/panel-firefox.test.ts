/** The panel suite (test/e2e/lib/panel-suite.ts) in real Firefox, the panel page as a tab. */
import { describe } from 'vitest';
import { definePanelSuite } from './lib/panel-suite';
import { openFirefox } from './lib/suite-browser';

describe('the Wavetrace panel in Firefox', () => {
  definePanelSuite(() => openFirefox({ width: 1280, height: 800 }), {
    // Firefox's slower start may leave the first connection established: k = 0, "expected ≤ 1.0 s".
    reconnectSpan: /^↻ [\d.]+ m?s · expected (≤ )?1\.0 s — Reconnect #1 after/,
  });
});
