/** The frame budget: slices as tasks within 7 ms per frame interval (1.6 ms while the page streams fast), no animation frame asked for unless over it. */
import { describe, expect, it } from 'vitest';
import { BUSY_FRAME_BUDGET_MS, FRAME_BUDGET_MS, FRAME_INTERVAL_MS, FrameBudget, SLICE_MS } from '../../../src/panel/frame-budget';

function fakeScheduler() {
  let now = 0;
  const tasks: Array<() => void> = [];
  const frames: Array<() => void> = [];
  return {
    rafCalls: 0,
    raf(cb: () => void) {
      this.rafCalls++;
      frames.push(cb);
    },
    post: (cb: () => void) => void tasks.push(cb),
    timeout: () => {},
    now: () => now,
    advance: (ms: number) => void (now += ms),
    runTasks() {
      let n = 0;
      while (tasks.length) {
        tasks.shift()!();
        n++;
      }
      return n;
    },
    frame() {
      for (const cb of frames.splice(0)) cb();
    },
  };
}

describe('FrameBudget', () => {
  it('runs short slices as tasks without asking for animation frames', () => {
    const sched = fakeScheduler();
    let slices = 0;
    const fb = new FrameBudget(sched, () => {
      slices++;
      sched.advance(1);
      return false;
    }, () => {});
    for (let i = 0; i < 100; i++) {
      fb.schedule();
      sched.runTasks();
      sched.advance(3);
    }
    expect(slices).toBe(100);
    expect(sched.rafCalls).toBe(0);
  });

  it('beyond the budget of a frame interval, work waits for the next animation frame', () => {
    const sched = fakeScheduler();
    let slices = 0;
    const fb = new FrameBudget(sched, (over) => {
      slices++;
      while (!over()) sched.advance(1);
      return true; // always more work
    }, () => {});
    fb.schedule();
    sched.runTasks();
    // Slices of just over SLICE_MS until the interval's budget is used: then no more tasks.
    expect(slices).toBe(Math.ceil(FRAME_BUDGET_MS / (SLICE_MS + 1)));
    expect(sched.rafCalls).toBe(1);
    expect(sched.runTasks()).toBe(0);
    sched.advance(FRAME_INTERVAL_MS);
    sched.frame();
    sched.runTasks();
    expect(slices).toBe(2 * Math.ceil(FRAME_BUDGET_MS / (SLICE_MS + 1)));
  });

  it('while the page streams fast, a frame interval gets one short slice (about a tenth of a core)', () => {
    const sched = fakeScheduler();
    let busy = true;
    const lengths: number[] = [];
    const fb = new FrameBudget(
      sched,
      (over) => {
        const start = sched.now();
        while (!over()) sched.advance(0.5);
        lengths.push(sched.now() - start);
        return true; // always more work
      },
      () => {},
      () => busy,
    );
    fb.schedule();
    sched.runTasks();
    expect(lengths).toEqual([2]); // the first check past 1.6 ms
    expect(BUSY_FRAME_BUDGET_MS).toBeLessThan(FRAME_INTERVAL_MS / 10 + 0.01);
    expect(sched.rafCalls).toBe(1);
    for (let k = 0; k < 5; k++) {
      sched.advance(FRAME_INTERVAL_MS);
      sched.frame();
      sched.runTasks();
    }
    expect(lengths).toHaveLength(6);
    // Once the stream calms down, the usual budget again.
    busy = false;
    sched.advance(FRAME_INTERVAL_MS);
    sched.frame();
    sched.runTasks();
    expect(lengths.length).toBe(6 + Math.ceil(FRAME_BUDGET_MS / (SLICE_MS + 0.5)));
  });
});
