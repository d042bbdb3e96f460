/**
 * `wavetrace record --resilience` (docs/design.md#record): runs the panel's resilience check
 * through its automation handle (the same runner as the panel's *Resilience check…*), prints a
 * progress line per step and returns the report card once the check ended. Without `--profile`
 * it first waits (bounded) for the auto profile to settle, so the plan is built from the profile
 * that will judge the faults.
 */
import type { Profile } from '../../core/profile/types';
import type { ResilienceCard } from '../../core/fault/resilience-card';
import type { ResilienceProgress } from '../../core/fault/resilience-runner';
import { formatDuration } from '../../core/format';
import { MIN_LEARN_FRAMES } from '../../core/profile/learn/learn-profile';
import type { PanelEval } from './fault-schedule';
import { sleepUnlessStopped } from './interrupt';

/** What the check produced: the card and when it started (ms since the epoch). */
export interface ResilienceResult {
  card: ResilienceCard;
  startedAt: number;
}

interface Polled {
  progress?: ResilienceProgress;
  done: boolean;
  card?: ResilienceCard;
  startedAt: number;
  steps: { group: string; label: string }[];
}

/** Polling period, ms: each poll also advances the panel's check. */
const POLL_MS = 250;

/** Frames of the first connection a learned profile waits for before the plan is built. */
export const LEARN_FRAMES = 20;
/** Longest wait for them, ms. */
export const LEARN_WAIT_MS = 15_000;

/** The auto profile's status as the panel reports it (panel/automation.ts `AutoProfileStatus`). */
export interface ProfileStatus {
  auto: boolean;
  learned: boolean;
  frames?: number;
  closed: boolean;
}

/**
 * Whether the plan may be built from the profile in use (docs/design.md#record): a chosen
 * profile or a detected preset at once; a learned one once the first connection carried
 * {@link LEARN_FRAMES} frames or closed.
 */
export function profileReady(s: ProfileStatus): boolean {
  if (!s.auto) return true;
  if (s.frames === undefined) return false;
  return !s.learned || s.closed || s.frames >= LEARN_FRAMES;
}

/**
 * Waits (polling, at most `waitMs`, less once `stop` is aborted) until {@link profileReady}; returns '' when the plan may be
 * built — also after the wait when something was learned from at least `MIN_LEARN_FRAMES` frames
 * — else the one-line reason nothing could be learned.
 */
export async function waitForProfile(evaluate: PanelEval, log: (line: string) => void, waitMs = LEARN_WAIT_MS, pollMs = POLL_MS, stop?: AbortSignal): Promise<string> {
  const start = Date.now();
  let said = false;
  for (;;) {
    if (stop?.aborted) return 'stopped before its start';
    const s = await evaluate<ProfileStatus>('globalThis.wavetrace.resilience.profileStatus()');
    if (profileReady(s)) {
      // Say it also when the first look already found enough frames (a slow page load): the
      // plan then follows a learned profile all the same.
      if (!said && s.auto && s.learned) log(`resilience: no preset matches; learning the profile first (from the ${s.frames ?? 0} frame(s) of the first connection so far)`);
      return '';
    }
    const waited = Date.now() - start;
    if (waited >= waitMs) {
      if (s.frames === undefined) return `no WebSocket connection in ${formatDuration(waited)}: nothing to learn a profile from (give --profile)`;
      if (s.frames < MIN_LEARN_FRAMES) return `nothing learned: the first connection carried ${s.frames} frame(s) in ${formatDuration(waited)} (give --profile)`;
      log(`resilience: learning the profile from ${s.frames} frame(s) of the first connection (waited ${formatDuration(waited)})`);
      return '';
    }
    if (!said && s.frames !== undefined && s.learned) {
      said = true;
      log(`resilience: no preset matches; learning the profile first (up to ${LEARN_FRAMES} frames of the first connection, at most ${formatDuration(waitMs)})`);
    }
    await sleepUnlessStopped(pollMs, stop);
  }
}

/**
 * Starts the check in the panel and polls it to the end. Once `stop` is aborted (Ctrl-C) the
 * check is cancelled (its pending faults undone) and a reason is returned.
 * @returns the card, or a one-line reason it could not start or was stopped
 */
export async function runResilience(evaluate: PanelEval, profile: string | Profile | undefined, log: (line: string) => void, stop?: AbortSignal): Promise<ResilienceResult | string> {
  if (profile === undefined) {
    // Without --profile the plan comes from the auto profile: never from the default one in use
    // before any connection, nor from a profile learned from a frame or two.
    const none = await waitForProfile(evaluate, log, LEARN_WAIT_MS, POLL_MS, stop);
    if (none) return none;
  }
  const opts = profile === undefined ? { origin: 'cli' } : { origin: 'cli', profile };
  const why = await evaluate<string>(`globalThis.wavetrace.resilience.start(${JSON.stringify(opts)})`);
  if (why) return why;
  let logged = -1;
  for (;;) {
    if (stop?.aborted) {
      await evaluate('(globalThis.wavetrace.resilience.cancel(), true)');
      return 'stopped before its end';
    }
    const p = await evaluate<Polled | undefined>('globalThis.wavetrace.resilience.progress()');
    if (!p) return 'the panel lost the check';
    const pr = p.progress;
    // One line per step reached, also for steps that passed between two polls.
    const upTo = Math.min(pr?.step ?? -1, p.steps.length - 1);
    for (let i = logged + 1; i <= upTo; i++) {
      const s = p.steps[i]!;
      const bound = i === pr?.step && !p.done ? ` (at most ${formatDuration(pr.remainingMs)}; ${formatDuration(pr.totalRemainingMs)} left in all)` : '';
      log(`resilience +${formatDuration(Date.now() - p.startedAt)} step ${i + 1}/${p.steps.length} ${s.group}: ${s.label}${bound}`);
    }
    logged = Math.max(logged, upTo);
    if (p.done && p.card) return { card: p.card, startedAt: p.startedAt };
    await sleepUnlessStopped(POLL_MS, stop);
  }
}
