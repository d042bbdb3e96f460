/**
 * The relay content script (ISOLATED world, document_start, every frame): meets the page hook
 * on the private DOM-event channel, connects to the hub over a runtime port named "relay", and
 * takes the stream ports ("stream") panels open to it with `tabs.connect`
 * (docs/design.md#places-and-data-flow). Built as one synchronous IIFE.
 */
import browser from 'webextension-polyfill';
import { channelEvents, HANDSHAKE_EVENT, parseAnnouncement } from '../core/bridge/page-channel';
import { PORT_RELAY, PORT_STREAM } from '../core/bridge/messages';
import { createRelay, type Relay } from './relay';
import { portLink } from '../core/bridge/port-link';
import { CAPTURE_CONFIG_KEY, sanitizeCaptureConfig, type CaptureConfig } from '../core/store/capture-config';

/** Reads the capture settings from storage.local and follows their changes. */
function watchStoredConfig(apply: (c: CaptureConfig) => void): void {
  try {
    browser.storage.local.get(CAPTURE_CONFIG_KEY).then(
      (v) => {
        if (v[CAPTURE_CONFIG_KEY] !== undefined) apply(sanitizeCaptureConfig(v[CAPTURE_CONFIG_KEY]));
      },
      () => undefined,
    );
    browser.storage.onChanged.addListener((changes, area) => {
      const c = changes[CAPTURE_CONFIG_KEY];
      if (area === 'local' && c) apply(sanitizeCaptureConfig(c.newValue));
    });
  } catch {
    // no storage (extension context gone): the hook keeps its defaults
  }
}

(function wavetraceRelay(): void {
  let relay: Relay | undefined;
  const onHandshake = (ev: Event): void => {
    const a = parseAnnouncement((ev as CustomEvent).detail);
    if (!a || a.role !== 'hook' || relay) return;
    window.removeEventListener(HANDSHAKE_EVENT, onHandshake);
    const { up, down } = channelEvents(a.channel);
    relay = createRelay({
      identity: { src: a.src, frameUrl: a.frameUrl, top: a.top },
      hook: {
        send(msg) {
          window.dispatchEvent(new CustomEvent(down, { detail: JSON.stringify(msg) }));
        },
      },
      connectHub: () => portLink(browser.runtime.connect({ name: PORT_RELAY })),
      schedule: (fn, ms) => setTimeout(fn, ms),
      watchConfig: watchStoredConfig,
    });
    const r = relay;
    window.addEventListener(up, (e) => {
      const detail = (e as CustomEvent).detail;
      if (typeof detail === 'string') r.fromHookText(detail);
    });
  };
  // Stream ports from panels (direct path). The hub names a relay to panels only after its
  // `relay-hello`, so a port finds the relay set up; one that does not is refused.
  try {
    browser.runtime.onConnect.addListener((port) => {
      if (port.name === PORT_STREAM && relay) relay.acceptPanel(portLink(port));
      else port.disconnect();
    });
  } catch {
    // extension context gone: no panel can reach this document anyway
  }
  window.addEventListener(HANDSHAKE_EVENT, onHandshake);
  window.dispatchEvent(new CustomEvent(HANDSHAKE_EVENT, { detail: JSON.stringify({ role: 'relay' }) }));
})();
