/**
 * The page hook: the MAIN-world content script, injected at document_start in every frame.
 * Built as ONE synchronous classic script (no import/export, no loader: DESIGN.md §1), so it
 * runs before any page script. It captures natives, wraps WebSocket, and streams recorded
 * events to the relay only while a panel listens.
 */
import { captureNatives } from './natives';
import { installMasks } from './masks';
import { Recorder } from './recorder';
import { installWebSocketHook } from './ws-hook';
import { openHookChannel, type HookChannel } from './channel';

(function wavetraceHook(): void {
  const win = window as Window & typeof globalThis;
  let n;
  try {
    n = captureNatives(win);
  } catch {
    return; // an exotic document (e.g. no performance API): leave the page alone
  }
  const natives = n;
  const rnd = natives.getRandomValues(new Uint32Array(2));
  const src = ((rnd[0] as number) >>> 0).toString(36) + ((rnd[1] as number) >>> 0).toString(36);
  let top = false;
  try {
    top = win.top === win;
  } catch {
    top = false;
  }
  const identity = { src, frameUrl: natives.location.href, top };
  let channel: HookChannel | undefined;
  const recorder = new Recorder(natives, (batch) => {
    try {
      channel?.send({ kind: 'hook-batch', batch });
    } catch {
      // the relay is gone (extension reloaded): keep recording
    }
  }, identity);
  try {
    channel = openHookChannel(win, natives, identity, (msg) => {
      if (msg.kind === 'relay-start') recorder.start(msg.after);
      else if (msg.kind === 'relay-stop') recorder.stop();
    });
  } catch {
    // without a relay the hook still records (a later relay cannot reach it, nothing breaks)
  }
  try {
    if (top) recorder.record({ t: recorder.now(), type: 'page-navigation', url: identity.frameUrl });
    const masks = installMasks(natives, win.Function.prototype);
    installWebSocketHook(win, natives, masks, recorder, src);
  } catch {
    // never break the page
  }
})();
