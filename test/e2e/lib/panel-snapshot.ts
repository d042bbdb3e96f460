/**
 * Reads what the Wavetrace panel shows, from its DOM: the expression is evaluated inside the
 * panel page (DevTools panel target in Chromium, the panel tab in Firefox).
 */

/** What a user sees in the panel. */
export interface PanelSnapshot {
  counts: string;
  connections: { url: string; state: string }[];
  frames: { dir: string; size: string; data: string; conn: string }[];
  empty: boolean;
}

/** A JS expression that evaluates to a {@link PanelSnapshot}. */
export const PANEL_SNAPSHOT_JS = `(() => {
  const text = (el, sel) => (el.querySelector(sel)?.textContent ?? '').trim();
  return {
    counts: text(document, '[data-testid=counts]'),
    empty: !!document.querySelector('[data-testid=empty]'),
    connections: [...document.querySelectorAll('.conn-row[data-conn]')].map((r) => ({ url: text(r, '.conn-url'), state: text(r, '.conn-state') })),
    frames: [...document.querySelectorAll('.frame-row')].map((r) => ({ dir: text(r, '.c-dir'), size: text(r, '.c-size'), data: text(r, '.c-data'), conn: text(r, '.c-conn') })),
  };
})()`;
