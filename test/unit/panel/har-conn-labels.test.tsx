// @vitest-environment happy-dom
/**
 * A HAR's connections (ids `har-<entry>`) are named in the findings list as the timeline and
 * table name them, `#n` (docs/design.md#har-input); the ids stay in the store's events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import { loadTraceBytes } from '../../../src/panel/import-file';
import { manualScheduler } from './harness';

afterEach(cleanup);

describe('findings of a HAR', () => {
  it('say #n, never har-<n>', () => {
    const store = new PanelStore(manualScheduler());
    store.live.value = false;
    loadTraceBytes(store, readFileSync(join(__dirname, '../../fixtures/har/chrome-devtools.har')), 'chrome-devtools.har');
    store.flush();
    expect(store.state.connOrder.some((c) => /^har-\d/.test(String(c)))).toBe(true);
    const { container } = render(<App store={store} />);
    const findings = container.querySelector('.findings')!;
    expect(findings.querySelectorAll('.finding').length).toBeGreaterThan(0);
    const text = [...findings.querySelectorAll('.finding')].map((f) => `${f.textContent} ${f.getAttribute('title')}`).join('\n');
    expect(text).toMatch(/#1/);
    expect(text).not.toMatch(/\bhar-\d/);
  });
});
