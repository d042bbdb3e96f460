/**
 * Reads what the Wavetrace panel shows, from its DOM: the expression is evaluated inside the
 * panel page (DevTools panel target in Chromium, the panel tab in Firefox).
 */

/** What a user sees in the panel. */
export interface PanelSnapshot {
  counts: string;
  /** url: the lane's full redacted URL (its tooltip); query: what the lane shows of it. */
  connections: { url: string; query: string; state: string }[];
  frames: { dir: string; size: string; data: string; conn: string }[];
  empty: boolean;
}

/** A JS expression that evaluates to a {@link PanelSnapshot}. */
export const PANEL_SNAPSHOT_JS = `(() => {
  const text = (el, sel) => (el.querySelector(sel)?.textContent ?? '').trim();
  return {
    counts: text(document, '[data-testid=counts]'),
    empty: !!document.querySelector('[data-testid=empty]'),
    // A lane shows only the query parameters that differ between connections; its tooltip's
    // first line is the whole (redacted) URL.
    connections: [...document.querySelectorAll('.conn-row[data-conn]')].map((r) => ({ url: (r.getAttribute('title') ?? '').split(String.fromCharCode(10))[0], query: text(r, '.conn-url'), state: text(r, '.conn-state') })),
    frames: [...document.querySelectorAll('.frame-row')].map((r) => ({ dir: text(r, '.c-dir'), size: text(r, '.c-size'), data: text(r, '.c-data'), conn: text(r, '.c-conn') })),
  };
})()`;

/** The panel toolbar's counts, parsed: connections, frames, events lost to the capture buffer. */
export interface PanelCounts {
  connections: number;
  frames: number;
  lost: number;
  text: string;
}

/** A JS expression that evaluates to the counts text of the panel toolbar. */
export const PANEL_COUNTS_JS = `(document.querySelector('[data-testid=counts]')?.textContent ?? '').trim()`;

/** Parses the counts text ("3 connections · 1,234 frames · 10 events lost to the capture buffer"). */
export function parseCounts(text: string): PanelCounts {
  const num = (re: RegExp): number => {
    const m = re.exec(text);
    return m ? Number(m[1]!.replace(/[^\d]/g, '')) : 0;
  };
  return { connections: num(/([\d,]+) connections?/), frames: num(/([\d,]+) frames?/), lost: num(/([\d,]+) events? lost/), text };
}
