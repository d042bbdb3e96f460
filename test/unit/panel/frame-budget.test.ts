/** The frame budget: slices as tasks within 7 ms per frame interval, no animation frame asked for unless over it. */
import { describe, expect, it } from 'vitest';
import { FRAME_BUDGET_MS, FRAME_INTERVAL_MS, FrameBudget, SLICE_MS } from '../../../src/panel/frame-budget';

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
});
