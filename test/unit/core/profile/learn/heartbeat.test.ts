/**
 * The learned heartbeat interval is the timer value a person set, not the jittered median a busy
 * main thread measured, nor the median late ticks dragged up (docs/design.md#profile-learning).
 */
import { expect, it } from 'vitest';
import { learnedInterval, median, quantile, timerInterval } from '../../../../../src/core/profile/learn/heartbeat';
import { learnProfile } from '../../../../../src/core/profile/learn/learn-profile';
import type { TraceEvent } from '../../../../../src/core/events';
import { Scenario } from '../../analysis/scenario';

it('snaps a median within ±4 % to the round timer value it comes from', () => {
  expect(timerInterval(494)).toBe(500);
  expect(timerInterval(507)).toBe(500);
  expect(timerInterval(2_960)).toBe(3_000);
  expect(timerInterval(2_540)).toBe(2_500);
  expect(timerInterval(24_400)).toBe(25_000);
  expect(timerInterval(29_500)).toBe(30_000);
  expect(timerInterval(98)).toBe(100);
  expect(timerInterval(45_300)).toBe(45_000);
});

it('keeps two significant digits of a median near no round value', () => {
  expect(timerInterval(3_500)).toBe(3_500);
  expect(timerInterval(1_730)).toBe(1_700);
  expect(timerInterval(430)).toBe(430);
  expect(timerInterval(0)).toBe(0);
});

/** Deterministic lateness (ms) of timer tick `k`: about 40 % of ticks on time (0–4 ms), the others late by 25–90 ms, as on a busy machine. */
function lateness(k: number): number {
  const r = (k * 7919 + 13) % 100;
  return r < 40 ? r % 5 : 25 + ((r * 37) % 66);
}

/**
 * A feed whose server pings (`{"type":"ping"}`, answered by `{"type":"pong"}`) every 500 ms on
 * three connections, with `update` frames between them. `drifting`: each tick is rescheduled
 * from the late one before it (Node's setInterval, a sleep loop); else ticks keep their schedule.
 */
function pings(drifting: boolean): TraceEvent[] {
  const s = new Scenario();
  let k = 0;
  let seq = 0;
  for (const conn of ['c1', 'c2', 'c3']) {
    s.create(conn, 'ws://127.0.0.1:40123/feed').wait(3).open(conn);
    const start = s.t;
    let due = start;
    for (let i = 0; i < 24; i++) {
      const late = lateness(k++);
      due = drifting ? due + 500 + late : start + 500 * (i + 1);
      s.t = drifting ? due : due + late;
      s.recv(conn, { type: 'ping' }).wait(2).send(conn, { type: 'pong' });
      s.wait(120).recv(conn, { type: 'update', seq: ++seq });
    }
    s.wait(100).close(conn, 1006, '', false).wait(1000);
  }
  return s.build();
}

function pingGaps(events: TraceEvent[]): number[] {
  const gaps: number[] = [];
  let prev: TraceEvent | undefined;
  for (const e of events) {
    if (e.type !== 'ws-message' || e.data !== '{"type":"ping"}') continue;
    if (prev && prev.type === 'ws-message' && prev.conn === e.conn) gaps.push(e.t - prev.t);
    prev = e;
  }
  return gaps;
}

it('learns the timer value from late ticks that lengthen the gaps (a server rescheduling from each late tick)', () => {
  const events = pings(true);
  expect(timerInterval(median(pingGaps(events)))).toBe(540); // what the median alone learned
  const r = learnProfile(events);
  expect(r.profile.heartbeat?.intervalMs).toBe(500);
  expect(r.parts.find((p) => p.part === 'heartbeat')!.note).toMatch(/^the server sends \{"type":"ping"\} every 500 ms \(of 69 intervals: lower quartile 50\d ms, median 5[2-9]\d ms/);
});

it('learns the timer value from a timer that keeps its schedule (a late tick is followed by a short gap)', () => {
  const events = pings(false);
  const gaps = pingGaps(events);
  expect(Math.min(...gaps)).toBeLessThan(450);
  expect(timerInterval(quantile(gaps, 0.25))).toBe(480); // the lower quartile alone would be wrong here: the median decides
  expect(learnProfile(events).profile.heartbeat?.intervalMs).toBe(500);
});

it('the lower quartile snaps to a round timer value first, else the median does, else two digits of the quartile', () => {
  expect(learnedInterval(505, 531)).toBe(500);
  expect(learnedInterval(476, 500)).toBe(500);
  expect(learnedInterval(1_730, 1_810)).toBe(1_700);
  expect(learnedInterval(0, 2_960)).toBe(3_000);
  expect(quantile([4, 1, 3, 2, 5], 0.25)).toBe(2);
  expect(quantile([10, 20], 0.25)).toBe(12.5);
});
