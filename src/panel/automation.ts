/**
 * The panel page's automation handle, used by `wavetrace record` and `npm run demo` to export
 * what the panel holds through the same code path as the Export button. It lives on the
 * extension's own panel page (never on the inspected page, which must not see Wavetrace).
 */
import type { PanelStore } from './store';
import { createTrace, redactTrace, serializeTrace } from '../core/trace';
import { DEFAULT_REDACT_KEYS } from '../core/redact';

/** What `globalThis.wavetrace` offers on the panel page. */
export interface PanelAutomation {
  /** Number of events the panel holds. */
  eventCount(): number;
  /**
   * The capture as trace JSON text (DESIGN.md §3), redacted unless `redact` is false.
   * @param opts.page URL of the inspected page (redacted with the rest)
   */
  exportTrace(opts?: { redact?: boolean; page?: string; browser?: string; profile?: string }): string;
}

/** Tool name and version written into `source.tool`. */
export const TOOL_NAME = 'wavetrace 0.1.0';

/** Builds the trace the panel would export. Pure apart from reading the store. */
export function exportTraceText(store: PanelStore, opts: { redact?: boolean; page?: string; browser?: string; profile?: string } = {}): string {
  const trace = createTrace(store.state.events, {
    source: { tool: TOOL_NAME, browser: opts.browser ?? navigator.userAgent, page: opts.page ?? '' },
    redacted: false,
    endedAt: Date.now(),
    profile: opts.profile ?? 'scaiwave',
  });
  const out = opts.redact === false ? trace : redactTrace(trace, DEFAULT_REDACT_KEYS);
  return serializeTrace(out) as string;
}

/** Installs `globalThis.wavetrace` on the panel page. */
export function installAutomation(store: PanelStore): void {
  const api: PanelAutomation = {
    eventCount: () => store.state.events.length,
    exportTrace: (opts) => exportTraceText(store, opts),
  };
  (globalThis as unknown as { wavetrace: PanelAutomation }).wavetrace = api;
}
