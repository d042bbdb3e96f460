/**
 * Invisibility in real Chromium (docs/design.md#invisibility-rules): the conformance probe
 * (test/fixtures/pages/conformance/probe.js, 100+ observations of WebSocket, fetch, XHR,
 * sendBeacon, workers, frames and the global object) gives identical results with and without
 * Wavetrace; the page sees no new global, no `message` event, no console output and no CSP
 * violation under `script-src 'self'`. In the hooked run, a panel listens through the real hub
 * the whole time, and what it received proves the hook was active: every socket, HTTP event
 * (with the sync endpoint's body, capped) and worker of the probe.
 */
import { describe } from 'vitest';
import { launchChromium } from './lib/chromium';
import { defineConformanceSuite } from './lib/conformance-suite';

describe('conformance probe in Chromium, with and without Wavetrace', () => {
  defineConformanceSuite('chromium', async (extension) => {
    const b = await launchChromium({ extension });
    return {
      async newPage(lines) {
        const page = await b.context.newPage();
        page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
        return { goto: (u) => page.goto(u), evaluate: (js) => page.evaluate(js), bringToFront: () => page.bringToFront() };
      },
      async openExtensionEval() {
        // A second tab, the panel page, as a user's panel would be.
        const other = await b.context.newPage();
        await other.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
        return (e) => other.evaluate(e);
      },
      async openBlankTab() {
        await b.context.newPage();
      },
      close: () => b.close(),
    };
  });
});
