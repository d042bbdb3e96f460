/**
 * `wavetrace record --resilience` without `--profile` (docs/design.md#record): the plan is built
 * only once the panel's auto profile settled — a chosen or detected profile at once, a learned
 * one once the first connection carried enough frames — with a bounded wait and one line when
 * nothing could be learned.
 */
import { describe, expect, it } from 'vitest';
import { runResilience, waitForProfile } from '../../../../src/cli/record/resilience-run';
import { LEARN_FRAMES, type ProfileStatus } from '../../../../src/core/fault/profile-wait';
import type { PanelEval } from '../../../../src/cli/record/fault-schedule';
import { planResilience } from '../../../../src/core/fault/resilience-plan';
import type { ResilienceCard } from '../../../../src/core/fault/resilience-card';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

/** A panel whose auto profile status follows `statuses` (the last one repeats), recording what was evaluated. */
function panel(statuses: ProfileStatus[]): { evaluate: PanelEval; calls: string[] } {
  const calls: string[] = [];
  let i = 0;
  const evaluate = (async (expr: string) => {
    calls.push(expr.replace(/\(.*\)$/, '()'));
    if (expr.includes('profileStatus')) return statuses[Math.min(i++, statuses.length - 1)];
    if (expr.includes('resilience.start')) return 'no live tab to check';
    return undefined;
  }) as PanelEval;
  return { evaluate, calls };
}

const learned = (frames: number, closed = false): ProfileStatus => ({ auto: true, learned: true, frames, closed });

describe('record --resilience: the profile the plan is built from', () => {
  it('waits for the first connection to carry enough frames before starting the check', async () => {
    const p = panel([{ auto: true, learned: false, closed: false }, learned(4), learned(12), learned(LEARN_FRAMES)]);
    const log: string[] = [];
    expect(await runResilience(p.evaluate, undefined, (l) => log.push(l))).toBe('no live tab to check');
    expect(p.calls).toEqual([...Array(4).fill('globalThis.wavetrace.resilience.profileStatus()'), 'globalThis.wavetrace.resilience.start()']);
    expect(log).toEqual([`resilience: no preset matches; learning the profile first (up to ${LEARN_FRAMES} frames of the first connection, at most 15.0 s)`]);
  });

  it('says the plan follows a learned profile also when the first look found enough frames', async () => {
    const log: string[] = [];
    expect(await waitForProfile(panel([learned(LEARN_FRAMES + 5)]).evaluate, (l) => log.push(l), 30, 5)).toBe('');
    expect(log).toEqual([`resilience: no preset matches; learning the profile first (from the ${LEARN_FRAMES + 5} frame(s) of the first connection so far)`]);
    const quiet: string[] = [];
    expect(await waitForProfile(panel([{ auto: true, learned: false, frames: 3, closed: false }]).evaluate, (l) => quiet.push(l), 30, 5)).toBe('');
    expect(quiet).toEqual([]); // a detected preset: nothing learned, nothing said
  });

  it('with --profile it starts at once', async () => {
    const p = panel([learned(0)]);
    expect(await runResilience(p.evaluate, 'scaiwave', () => undefined)).toBe('no live tab to check');
    expect(p.calls).toEqual(['globalThis.wavetrace.resilience.start()']);
  });

  it('a bounded wait: one line when nothing could be learned, else the plan from what was learned', async () => {
    expect(await waitForProfile(panel([{ auto: true, learned: false, closed: false }]).evaluate, () => undefined, 30, 5)).toMatch(/^no WebSocket connection in \d+ ms: nothing to learn a profile from \(give --profile\)$/);
    expect(await waitForProfile(panel([learned(1)]).evaluate, () => undefined, 30, 5)).toMatch(/^nothing learned: the first connection carried 1 frame\(s\) in \d+ ms \(give --profile\)$/);
    const log: string[] = [];
    expect(await waitForProfile(panel([learned(7)]).evaluate, (l) => log.push(l), 30, 5)).toBe('');
    expect(log[1]).toMatch(/^resilience: learning the profile from 7 frame\(s\) of the first connection \(waited \d+ ms\)$/);
  });
});

describe('record --resilience: progress lines', () => {
  it('the half-open step says its heartbeat bound once, then the wait left: never two "at most"', async () => {
    const plan = planResilience(SCAIWAVE_PROFILE);
    const at = plan.steps.findIndex((s) => s.kind === 'notice');
    const steps = plan.steps.map((s) => ({ group: plan.groups[s.group]!.name, label: s.label }));
    const card: ResilienceCard = { rows: [], skipped: [] };
    let polls = 0;
    const evaluate = (async (expr: string) => {
      if (expr.includes('resilience.start')) return '';
      if (expr.includes('resilience.progress')) {
        const done = polls++ > 0;
        return { progress: { step: at, steps: steps.length, group: steps[at]!.group, label: steps[at]!.label, elapsedMs: 0, remainingMs: 77000, totalRemainingMs: 120000, faults: [] }, done, ...(done ? { card } : {}), startedAt: Date.now(), steps };
      }
      return undefined;
    }) as PanelEval;
    const log: string[] = [];
    const r = await runResilience(evaluate, 'scaiwave', (l) => log.push(l));
    expect(r).toMatchObject({ card });
    const line = log.find((l) => l.includes('frozen link'))!;
    expect(line).toMatch(/^resilience \+\d+ ms step 10\/15 Half-open link: wait for the client to notice the frozen link: 70\.0 s by its heartbeat \(2 × interval \+ pong timeout\), 7\.0 s spare \(at most 77\.0 s; 2 min 0 s left in all\)$/);
    expect(line.match(/at most/g)).toHaveLength(1);
  });
});
