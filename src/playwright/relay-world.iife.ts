/**
 * The Playwright fixture's relay (docs/design.md#package-and-playwright-fixture): the
 * counterpart of the extension's relay content script, run by the fixture in a Chromium
 * isolated world of every frame (CDP `Page.addScriptToEvaluateOnNewDocument` with a world name).
 * It meets the page hook on the private DOM-event channel (core/bridge/page-channel.ts), starts
 * its stream from the first event, and hands each batch, still as JSON text, to a CDP binding
 * that exists only in this world. The page's own world sees neither this script nor the binding:
 * the same invisibility as with the extension (docs/design.md#invisibility-rules).
 *
 * Built as one classic script (dist/playwright/relay.js). The fixture defines, in the same world
 * and before this script, `wavetraceRelayConfig` = { binding: name, syncPaths?: string[] }.
 * The fixture calls, in this world only, `wavetraceRelayFillAll()` before it reads the trace and
 * `wavetraceRelayFault(command)` for `wavetrace.fault(…)`, which passes the (already validated)
 * fault command to the hook as `relay-fault` (docs/design.md#fault-commands).
 */
import { channelEvents, HANDSHAKE_EVENT, parseAnnouncement } from '../core/bridge/page-channel';
import { isHookBatchText } from '../core/bridge/validate-batch';

interface RelayWorldConfig {
  binding: string;
  syncPaths?: string[];
}

(function wavetraceFixtureRelay(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const config = g.wavetraceRelayConfig as RelayWorldConfig | undefined;
  const out = config ? (g[config.binding] as ((payload: string) => void) | undefined) : undefined;
  if (!config || typeof out !== 'function') return;
  let down: string | undefined;
  const send = (msg: unknown): void => {
    if (down) window.dispatchEvent(new CustomEvent(down, { detail: JSON.stringify(msg) }));
  };
  const onHandshake = (ev: Event): void => {
    const a = parseAnnouncement((ev as CustomEvent).detail);
    if (!a || a.role !== 'hook' || down) return;
    window.removeEventListener(HANDSHAKE_EVENT, onHandshake);
    const names = channelEvents(a.channel);
    down = names.down;
    window.addEventListener(names.up, (e) => {
      const detail = (e as CustomEvent).detail;
      if (isHookBatchText(detail)) out(a.src + '\n' + detail);
    });
    if (Array.isArray(config.syncPaths)) send({ kind: 'relay-config', config: { syncPaths: config.syncPaths } });
    send({ kind: 'relay-start', after: 0 });
  };
  // Asked by the fixture (Runtime.evaluate in this world) before it reads the trace.
  g.wavetraceRelayFillAll = (): boolean => {
    send({ kind: 'relay-fill-all' });
    return down !== undefined;
  };
  // Asked by the fixture's `wavetrace.fault(…)`: true when a hook of this frame was told.
  g.wavetraceRelayFault = (command: unknown): boolean => {
    send({ kind: 'relay-fault', command });
    return down !== undefined;
  };
  window.addEventListener(HANDSHAKE_EVENT, onHandshake);
  window.dispatchEvent(new CustomEvent(HANDSHAKE_EVENT, { detail: JSON.stringify({ role: 'relay' }) }));
})();
