/**
 * Invisibility in real Firefox (docs/design.md#invisibility-rules): the same conformance probe as in Chromium gives
 * identical results with and without Wavetrace (Firefox's own behaviour, compared with
 * itself), with no new global, no `message` event, no console output and no CSP violation;
 * a panel listening through the real hub received every socket, HTTP event and worker.
 */
import { describe } from 'vitest';
import { launchFirefox } from './lib/firefox';
import { defineConformanceSuite } from './lib/conformance-suite';

describe('conformance probe in Firefox, with and without Wavetrace', () => {
  defineConformanceSuite('firefox', async (extension) => {
    const ff = await launchFirefox({ extension });
    return {
      async newPage(lines) {
        const page = await ff.browser.newPage();
        page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => lines.push(`pageerror: ${String((e as Error).message ?? e)}`));
        return { goto: (u) => page.goto(u), evaluate: (js) => page.evaluate(js), bringToFront: () => page.bringToFront() };
      },
      async openExtensionEval() {
        const panelTab = await ff.openExtensionTab('/src/panel/panel.html');
        return (e) => panelTab.evaluate(e);
      },
      close: () => ff.close(),
    };
  });
});
