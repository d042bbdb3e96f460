/**
 * The resilience check's standard sequence (docs/design.md#record): which faults it injects,
 * in which order, and how long each wait may take, derived from the active profile alone so the
 * panel, the CLI and the viewer agree on it.
 *
 * Groups, each skipped with a reason when the profile gives it nothing to judge:
 * 1. drop — the client must reconnect (within the backoff's first-retry window) and resume;
 * 2. failing catch-up — the next sync request fails once (HTTP 503), then a drop: the client
 *    must retry the sync with backoff and resume only after it succeeded (needs `sync.urlPath`);
 * 3. half-open link — a freeze: the client must notice the silent link by itself within
 *    2 × heartbeat interval + pong timeout (needs `heartbeat`); still open after that, the link
 *    is dropped (as a middlebox would) and the client must recover;
 * 4. auth close — a close with the profile's first `kind: "auth"` code (4001 in scaiwave): the
 *    client must come back with new credentials, or stop when the code is fatal.
 * Before each fault the check waits until the target connection is established (open for
 * `backoff.stableAfterMs`), so every reconnect starts from a clean failure streak.
 */
import type { Profile } from '../profile/types';
import { maxDelayMs } from '../analysis/backoff';
import { formatDuration as fmtS } from '../format';

/** What one step does: an action (`drop`, `arm-fail-sync`, `freeze`, `end-freeze`, `auth-close`) or a wait (`settle`, `recover`, `notice`). */
export type ResilienceStepKind = 'settle' | 'drop' | 'arm-fail-sync' | 'freeze' | 'notice' | 'end-freeze' | 'auth-close' | 'recover';

/** One step of the sequence. `timeoutMs` bounds a wait (ms); actions wait at most `applyWaitMs` for their `fault` event. */
export interface ResilienceStep {
  kind: ResilienceStepKind;
  /** Index of its group in {@link ResiliencePlan.groups}. */
  group: number;
  /** What the progress line says, e.g. "wait for the client to notice the frozen link". */
  label: string;
  timeoutMs: number;
  /** `auth-close`: the close code and its name. */
  code?: number;
}

/** A group of steps (one fault and what follows it), or a group skipped with the reason. */
export interface ResilienceGroup {
  name: string;
  skipped?: string;
}

/** The planned sequence. */
export interface ResiliencePlan {
  groups: ResilienceGroup[];
  steps: ResilienceStep[];
}

/** Timing options, ms; the defaults suit live apps, tests pass shorter ones. */
export interface PlanOptions {
  /** Heartbeat interval in use (an interval the server announced), else the profile's `heartbeat.intervalMs`. */
  heartbeatIntervalMs?: number;
  /** After a reconnect: how long to wait for the first data frame of the new connection (default 5000). */
  resumeWaitMs?: number;
  /** At most this long (default 10000) for an open connection at the start and for each settle beyond `stableAfterMs`. */
  startWaitMs?: number;
}

/** Defaults of {@link PlanOptions}. */
export const RESUME_WAIT_MS = 5000;
export const START_WAIT_MS = 10000;
/** How long an action waits for the hook to record its `fault` event, ms. */
export const APPLY_WAIT_MS = 5000;

/** The close code the profile marks `kind: "auth"` (the lowest one), if any. */
export function authCloseCode(profile: Profile): { code: number; name: string } | undefined {
  const codes = Object.entries(profile.closeCodes ?? {})
    .filter(([k, v]) => v.kind === 'auth' && /^\d+$/.test(k) && Number(k) >= 1000 && Number(k) <= 4999)
    .map(([k, v]) => ({ code: Number(k), name: v.name }))
    .sort((a, b) => a.code - b.code);
  return codes[0];
}

/**
 * How long a frozen link may stay unnoticed: 2 × heartbeat interval + pong timeout
 * (docs/design.md#recovery-records, the `half-open-undetected` bound), ms; undefined without a heartbeat.
 * `pongTimeoutMs` absent counts as 0.
 */
export function noticeBoundMs(profile: Profile, intervalMs?: number): number | undefined {
  const hb = profile.heartbeat;
  if (!hb) return undefined;
  return 2 * (intervalMs ?? hb.intervalMs) + (hb.pongTimeoutMs ?? 0);
}

/** Plans the sequence for `profile` (see the module comment). Pure. */
export function planResilience(profile: Profile, opts: PlanOptions = {}): ResiliencePlan {
  const b = profile.backoff;
  const resume = opts.resumeWaitMs ?? RESUME_WAIT_MS;
  const settle = b.stableAfterMs + (opts.startWaitMs ?? START_WAIT_MS);
  const groups: ResilienceGroup[] = [];
  const steps: ResilienceStep[] = [];
  const add = (group: number, kind: ResilienceStepKind, label: string, timeoutMs: number, code?: number): void => {
    steps.push({ kind, group, label, timeoutMs, ...(code !== undefined ? { code } : {}) });
  };
  const settleStep = (g: number): void => add(g, 'settle', `wait until the connection is established (open ${fmtS(b.stableAfterMs)})`, settle);
  const recoverStep = (g: number, reconnectMs: number): void => add(g, 'recover', 'wait for the client to reconnect and resume', reconnectMs + resume);

  let g = groups.push({ name: 'Drop' }) - 1;
  settleStep(g);
  add(g, 'drop', 'drop the connection (1006)', APPLY_WAIT_MS);
  recoverStep(g, maxDelayMs(0, b));

  if (profile.sync?.urlPath) {
    g = groups.push({ name: 'Failing catch-up' }) - 1;
    settleStep(g);
    add(g, 'arm-fail-sync', `fail the next ${profile.sync.urlPath} request once (503)`, APPLY_WAIT_MS);
    add(g, 'drop', 'drop the connection (1006)', APPLY_WAIT_MS);
    // The failed sync counts as a failed attempt: the retry waits for the k = 1 delay.
    recoverStep(g, maxDelayMs(0, b) + maxDelayMs(1, b));
  } else {
    groups.push({ name: 'Failing catch-up', skipped: profile.sync ? 'the profile’s catch-up is not an HTTP request (no sync.urlPath): nothing to fail' : 'the profile has no catch-up step (no sync)' });
  }

  const bound = noticeBoundMs(profile, opts.heartbeatIntervalMs);
  if (bound !== undefined) {
    g = groups.push({ name: 'Half-open link' }) - 1;
    settleStep(g);
    add(g, 'freeze', 'freeze the connection (half-open: open, but nothing arrives or leaves)', APPLY_WAIT_MS);
    // A little past the bound, so a client noticing right at it is judged, not cut off. The label
    // names the bound and the spare; the wait's own "at most" (bound + spare) is the progress's.
    const spare = Math.max(1000, bound * 0.1);
    add(g, 'notice', `wait for the client to notice the frozen link: ${fmtS(bound)} by its heartbeat (2 × interval + pong timeout), ${fmtS(spare)} spare`, bound + spare);
    add(g, 'end-freeze', 'drop the frozen link if it is still open', APPLY_WAIT_MS);
    recoverStep(g, maxDelayMs(0, b));
  } else {
    groups.push({ name: 'Half-open link', skipped: 'the profile has no heartbeat: a client cannot be expected to notice a silent link' });
  }

  const auth = authCloseCode(profile);
  if (auth) {
    g = groups.push({ name: `Auth close ${auth.code}` }) - 1;
    settleStep(g);
    add(g, 'auth-close', `close the connection with ${auth.code} ${auth.name}`, APPLY_WAIT_MS, auth.code);
    recoverStep(g, maxDelayMs(0, b));
  } else {
    groups.push({ name: 'Auth close', skipped: 'the profile has no close code of kind "auth"' });
  }
  return { groups, steps };
}
