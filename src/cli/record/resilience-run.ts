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
import { LEARN_FRAMES, LEARN_WAIT_MS, profileWait, type ProfileStatus } from '../../core/fault/profile-wait';
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

/**
 * Waits (polling the panel's `profileStatus` every `pollMs`, at most `waitMs`, less once `stop`
 * is aborted) until the plan may be built (core/fault/profile-wait.ts `profileWait`); returns ''
 * then, else the one-line reason nothing could be learned.
 */
export async function waitForProfile(evaluate: PanelEval, log: (line: string) => void, waitMs = LEARN_WAIT_MS, pollMs = POLL_MS, stop?: AbortSignal): Promise<string> {
  const start = Date.now();
  let said = false;
  for (;;) {
    if (stop?.aborted) return 'stopped before its start';
    const s = await evaluate<ProfileStatus>('globalThis.wavetrace.resilience.profileStatus()');
    const waited = Date.now() - start;
    const w = profileWait(s, waited, waitMs);
    if (w.kind === 'none') return `${w.reason} (give --profile)`;
    if (w.kind === 'ready') {
      if (w.late) log(`resilience: learning the profile from ${s.frames ?? 0} frame(s) of the first connection (waited ${formatDuration(waited)})`);
      // Say it also when the first look already found enough frames (a slow page load): the
      // plan then follows a learned profile all the same.
      else if (!said && w.learned) log(`resilience: no preset matches; learning the profile first (from the ${s.frames ?? 0} frame(s) of the first connection so far)`);
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
