/**
 * The panel's *Start* of a resilience check (docs/design.md#panel-and-viewer): with the auto
 * profile and no preset matching (or no connection yet), it first waits for enough traffic to
 * learn the protocol, the rule `record --resilience` follows (core/fault/profile-wait.ts), then
 * starts the check with the profile learned from the whole capture; when nothing can be
 * learned it says why instead of running the default profile's faults on another protocol.
 */
import { signal, type Signal } from '@preact/signals';
import type { PanelStore } from './store';
import type { FaultOrigin } from '../core/events';
import { LEARN_WAIT_MS, profileStatusOf, profileWait, type ProfileStatus } from '../core/fault/profile-wait';
import { resilienceOf, startResilience } from './resilience-session';

/**
 * Where the wait before a check stands: `waiting` (since `startedAt`, ms since the epoch, the
 * status at the last look, `waitMs` the longest wait in ms), or `failed` with the one-line
 * reason the check did not start.
 */
export type ResilienceWait =
  | { phase: 'waiting'; startedAt: number; waitMs: number; status: ProfileStatus; cancel(): void }
  | { phase: 'failed'; reason: string };

const waits = new WeakMap<PanelStore, Signal<ResilienceWait | undefined>>();

/** The store's wait before a check (undefined: none, or the check started), as a signal the toolbar and the strip share. */
export function resilienceWaitOf(store: PanelStore): Signal<ResilienceWait | undefined> {
  let s = waits.get(store);
  if (!s) waits.set(store, (s = signal<ResilienceWait | undefined>(undefined)));
  return s;
}

/** True while the check waits for a learned profile. */
export function waitingForProfile(store: PanelStore): boolean {
  return resilienceWaitOf(store).value?.phase === 'waiting';
}

/** Period of the looks at the auto profile while waiting, ms. */
const LOOK_MS = 200;

/**
 * Starts a check on the store's live capture once the profile in use may build its plan
 * (core/fault/profile-wait.ts `profileWait`), looking again every 200 ms while it waits.
 * Returns a one-line reason when it cannot even wait (no live tab, a check running), else ''.
 * @param now wall clock, ms since the epoch @param waitMs longest wait for a learned profile, ms
 */
export function requestResilience(store: PanelStore, origin: FaultOrigin, now: () => number = () => Date.now(), waitMs = LEARN_WAIT_MS): string {
  if (resilienceOf(store).value?.running.value) return 'a resilience check is already running';
  if (!store.requestFault || !store.live.value) return 'no live tab to check';
  const slot = resilienceWaitOf(store);
  const earlier = slot.value;
  if (earlier?.phase === 'waiting') earlier.cancel();
  const startedAt = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
    if (timer !== undefined) clearTimeout(timer);
    if (slot.value?.phase === 'waiting' && slot.value.startedAt === startedAt) slot.value = undefined;
  };
  const look = (): void => {
    timer = undefined;
    if (cancelled) return;
    store.updateAutoProfile();
    const status = profileStatusOf(store.state, store.profileChoice.value, store.profile.value);
    const w = profileWait(status, now() - startedAt, waitMs);
    if (w.kind === 'wait') {
      slot.value = { phase: 'waiting', startedAt, waitMs, status, cancel };
      timer = setTimeout(look, LOOK_MS);
      return;
    }
    if (w.kind === 'none') {
      slot.value = { phase: 'failed', reason: `${w.reason}: choose a profile in the profile menu to run the check` };
      return;
    }
    const why = startResilience(store, origin, now);
    slot.value = why ? { phase: 'failed', reason: why } : undefined;
  };
  look();
  return '';
}
