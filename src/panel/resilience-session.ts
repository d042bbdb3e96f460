/**
 * The resilience check in the panel (docs/design.md#panel-and-viewer): drives the pure runner
 * (core/fault/resilience-runner.ts) with the store's events and the wall clock, sends its
 * fault commands to the inspected tab, and publishes progress and the report card as signals.
 * One implementation for the panel's *Resilience check…* and `wavetrace record --resilience`
 * (through the automation handle, which also ticks it on every poll, so a background panel's
 * throttled timers do not slow the check).
 */
import { signal, type Signal } from '@preact/signals';
import type { PanelStore } from './store';
import type { FaultOrigin } from '../core/events';
import { faultCommandError } from '../core/fault/fault-command';
import { planResilience, type ResiliencePlan } from '../core/fault/resilience-plan';
import { ResilienceRunner, type ResilienceProgress } from '../core/fault/resilience-runner';
import { buildCard, type ResilienceCard } from '../core/fault/resilience-card';

/** One check: its progress while it runs, its card once done. */
export interface ResilienceSession {
  readonly progress: Signal<ResilienceProgress | undefined>;
  readonly card: Signal<ResilienceCard | undefined>;
  /** True while the check runs. */
  readonly running: Signal<boolean>;
  /** When the check started, ms since the epoch. */
  startedAt: number;
  /** The planned sequence. */
  readonly plan: ResiliencePlan;
  /** Advances the check now (timers and the CLI's polls call it). */
  tick(): void;
  /** Stops the check; a fault still on (a freeze) is thawed. */
  cancel(): void;
}

const sessions = new WeakMap<PanelStore, Signal<ResilienceSession | undefined>>();
const strips = new WeakMap<PanelStore, Signal<boolean>>();

/** Whether the resilience strip is open (the toolbar button opens it; in the viewer it opens for a trace with faults). */
export function resilienceStripOpen(store: PanelStore): Signal<boolean> {
  let s = strips.get(store);
  if (!s) strips.set(store, (s = signal(false)));
  return s;
}

/** The store's current (or last) check, as a signal the toolbar and the strip share. */
export function resilienceOf(store: PanelStore): Signal<ResilienceSession | undefined> {
  let s = sessions.get(store);
  if (!s) sessions.set(store, (s = signal<ResilienceSession | undefined>(undefined)));
  return s;
}

/** Polling period while waiting, ms (the runner's own deadlines are met sooner). */
const POLL_MS = 200;

/**
 * Starts a check on the store's live capture at once, with the profile in use; a learned auto
 * profile is first learned once more from the whole capture. Returns a one-line reason when it
 * cannot start (no tab, a check already running), else ''. The panel's Start waits for a
 * learned profile first (resilience-wait.ts); `record --resilience` waits in the CLI.
 */
export function startResilience(store: PanelStore, origin: FaultOrigin, now: () => number = () => Date.now()): string {
  const slot = resilienceOf(store);
  if (slot.value?.running.value) return 'a resilience check is already running';
  if (!store.requestFault || !store.live.value) return 'no live tab to check';
  // The plan is built from the profile in use: a learned one, from everything seen so far.
  store.learnAutoWhole();
  const profile = store.profile.value.profile;
  const plan = planResilience(profile, heartbeatOf(store));
  const startedAt = now();
  const runner = new ResilienceRunner(plan, profile, origin, startedAt);
  const progress = signal<ResilienceProgress | undefined>(runner.progress(startedAt));
  const card = signal<ResilienceCard | undefined>(undefined);
  const running = signal(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (): void => {
    running.value = false;
    if (timer !== undefined) clearTimeout(timer);
    // The card reads the recovery records of a fresh, complete analysis up to now.
    store.analyseNow();
    const p = runner.progress(now());
    progress.value = p;
    const records = store.analysis.value?.recoveries ?? [];
    card.value = buildCard(store.state.events, records, p.faults, { skipped: plan.groups.filter((g) => g.skipped), ...(p.outcome ? { outcome: p.outcome } : {}), ...(p.reason ? { reason: p.reason } : {}) });
  };
  const session: ResilienceSession = {
    progress,
    card,
    running,
    startedAt,
    plan,
    tick: () => {
      if (!running.value) return;
      for (let i = 0; i < 20; i++) {
        const t = now();
        const a = runner.tick(store.state.events, t);
        if (a.kind === 'done') return finish();
        if (a.kind === 'wait') {
          progress.value = runner.progress(t);
          if (timer !== undefined) clearTimeout(timer);
          timer = setTimeout(() => session.tick(), Math.max(0, Math.min(POLL_MS, a.untilMs - t)));
          return;
        }
        const why = faultCommandError(a.command);
        if (why || !store.requestFault) return void (runner.cancel(store.state.events, t), finish());
        store.requestFault(a.command);
      }
    },
    cancel: () => {
      if (!running.value) return;
      for (const c of runner.cancel(store.state.events, now())) store.requestFault?.(c);
      finish();
    },
  };
  slot.value = session;
  session.tick();
  return '';
}

/** The heartbeat interval the newest connection announced (Engine.IO `pingInterval` …), when not the profile's default. */
function heartbeatOf(store: PanelStore): { heartbeatIntervalMs?: number } {
  const a = store.analysis.value;
  if (!a) return {};
  for (let i = a.connections.length - 1; i >= 0; i--) {
    const hb = a.connections[i]!.heartbeat;
    if (hb.intervalMs !== undefined && hb.intervalSource !== undefined && hb.intervalSource !== 'profile') return { heartbeatIntervalMs: hb.intervalMs };
  }
  return {};
}

/**
 * The card of a loaded trace: every fault it holds with its recovery record (the viewer, and
 * the panel after an import), or undefined when it holds no fault.
 */
export function loadedCard(store: PanelStore): ResilienceCard | undefined {
  const a = store.analysis.value;
  if (!a) return undefined;
  const known = loadedCards.get(a);
  if (known !== undefined) return known ?? undefined;
  const card = store.state.events.some((e) => e.type === 'fault') ? buildCard(store.state.events, a.recoveries) : null;
  loadedCards.set(a, card);
  return card ?? undefined;
}

const loadedCards = new WeakMap<object, ResilienceCard | null>();
