/**
 * The page hook: the MAIN-world content script, injected at document_start in every frame.
 * Built as ONE synchronous classic script (no import/export, no loader: docs/design.md#layering-rules), so it
 * runs before any page script. It captures natives, wraps WebSocket, fetch, XMLHttpRequest,
 * sendBeacon, Worker and SharedWorker, records page events in the top frame, and streams
 * recorded events to the relay only while a panel listens.
 *
 * A realm whose `Function.prototype.toString` is already wrapped belongs to another hook
 * instance (e.g. the frame's initial document was adopted from its parent and the browser
 * kept the window for the next document), so nothing is installed twice.
 */
import { captureNatives } from './natives';
import { installMasks, realmIsMasked } from './masks';
import { Recorder } from './recorder';
import { openHookChannel, type HookChannel } from './channel';
import { createHookContext } from './hook-context';
import { createSyncMatcher } from './sync-matcher';
import { captureErrorNatives } from './error-text';
import { installRealm } from './install-realm';
import { installPageEvents } from './page-events';
import { applyHookConfig } from './hook-config';
import { installFrameAdoption } from './frame-adoption';
import { handleRelayMessage } from './relay-messages';

(function wavetraceHook(): void {
  const win = window as Window & typeof globalThis;
  let n;
  try {
    n = captureNatives(win);
  } catch {
    return; // an exotic document (e.g. no performance API): leave the page alone
  }
  const natives = n;
  try {
    if (realmIsMasked(natives, win.Function.prototype)) return;
  } catch {
    return;
  }
  const rnd = natives.getRandomValues(new Uint32Array(2));
  const src = ((rnd[0] as number) >>> 0).toString(36) + ((rnd[1] as number) >>> 0).toString(36);
  let top = false;
  try {
    top = win.top === win;
  } catch {
    top = false;
  }
  const frameUrl = (): string => {
    try {
      return natives.apply(natives.locationHref, natives.location, []) as string;
    } catch {
      return '';
    }
  };
  const identity = { src, frameUrl: frameUrl(), top };
  let channel: HookChannel | undefined;
  const recorder = new Recorder(natives, (batch, last) => {
    try {
      channel?.send({ kind: 'hook-batch', last, batch });
    } catch {
      // the relay is gone (extension reloaded): keep recording
    }
  }, identity);
  let ctx;
  try {
    const masks = installMasks(natives, win.Function.prototype);
    ctx = createHookContext(natives, recorder, src, masks, createSyncMatcher(natives), captureErrorNatives(win));
  } catch {
    return; // never break the page
  }
  const context = ctx;
  try {
    channel = openHookChannel(win, natives, identity, (msg) =>
      handleRelayMessage(msg, {
        start: (after, pending) => recorder.start(after, pending),
        stop: () => recorder.stop(),
        demand: (pull) => context.guard(() => recorder.setPull(pull)),
        pull: (pace) => context.guard(() => recorder.pull(pace)),
        fillAll: () => context.guard(() => recorder.fillAll()),
        config: (config) => context.guard(() => applyHookConfig(context, config)),
        fault: (command) => context.guard(() => context.faults.apply(command)),
      }),
    );
  } catch {
    // without a relay the hook still records (a later relay cannot reach it, nothing breaks)
  }
  context.guard(() => {
    // A popup's page events are not its opener's: its sockets reach the opener's panel, its
    // navigation must not look like the opener tab navigating.
    let popup = false;
    try {
      popup = win.opener !== null && win.opener !== undefined;
    } catch {
      popup = true;
    }
    if (top && !popup) installPageEvents(win, natives, context, identity.frameUrl);
  });
  installRealm(win, natives, context, frameUrl);
  context.guard(() => installFrameAdoption(win, natives, context));
  context.guard(() => {
    // Send what is still unsent before the document goes away (e.g. the last close).
    natives.apply(natives.addEventListener, win, ['pagehide', () => context.guard(() => recorder.flushAll())]);
  });
})();
