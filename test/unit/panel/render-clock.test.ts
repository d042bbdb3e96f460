/** The render clock: one bump per tick for any number of touches, none while hidden, one when shown. */
import { describe, expect, it } from 'vitest';
import { effect, signal } from '@preact/signals';
import { LIVE_RENDER_INTERVAL_MS, createRenderClock, inRenderBump } from '../../../src/panel/render-clock';
import { BUSY_RENDER_INTERVAL_MS } from '../../../src/core/view/render-pace';
import type { PanelScheduler } from '../../../src/panel/scheduler';

/** A scheduler with a fake clock, animation frames run by `frame()`, and a visibility switch. */
function fakeScheduler() {
  let now = 0;
  let hidden = false;
  let frames: Array<() => void> = [];
  let timers: Array<{ at: number; cb: () => void }> = [];
  let shown: Array<() => void> = [];
  const s = {
    rafCalls: 0,
    raf: (cb: () => void) => {
      s.rafCalls++;
      frames.push(cb);
    },
    post: (cb: () => void) => cb(),
    timeout: (cb: () => void, ms: number) => void timers.push({ at: now + ms, cb }),
    now: () => now,
    hidden: () => hidden,
    whenShown: (cb: () => void) => void shown.push(cb),
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.cb();
    },
    frame() {
      const f = frames;
      frames = [];
      for (const cb of f) cb();
    },
    setHidden(h: boolean) {
      hidden = h;
      if (!h) {
        const f = shown;
        shown = [];
        for (const cb of f) cb();
      }
    },
  };
  return s satisfies PanelScheduler & Record<string, unknown>;
}

describe('render clock', () => {
  it('folds every touch of a busy tick into one render', () => {
    const sched = fakeScheduler();
    const version = signal(0);
    const touch = createRenderClock(sched, version, () => true, () => true);
    touch();
    sched.frame();
    expect(version.value).toBe(1);
    for (let i = 0; i < 50; i++) {
      touch();
      sched.advance(4);
      sched.frame();
    }
    // 200 ms of batches, all within one busy interval: no second render yet.
    expect(version.value).toBe(1);
    sched.advance(BUSY_RENDER_INTERVAL_MS);
    sched.frame();
    expect(version.value).toBe(2);
    expect(sched.rafCalls).toBe(2);
  });

  it('renders every LIVE_RENDER_INTERVAL_MS at most while live and quiet', () => {
    const sched = fakeScheduler();
    const version = signal(0);
    const touch = createRenderClock(sched, version, () => true, () => false);
    touch();
    sched.frame();
    touch();
    sched.frame();
    expect(version.value).toBe(1);
    sched.advance(LIVE_RENDER_INTERVAL_MS);
    sched.frame();
    expect(version.value).toBe(2);
  });

  it('asks for no frame while hidden and renders once when shown', () => {
    const sched = fakeScheduler();
    const version = signal(0);
    const touch = createRenderClock(sched, version, () => true, () => true);
    sched.setHidden(true);
    for (let i = 0; i < 20; i++) {
      touch();
      sched.advance(300);
      sched.frame();
    }
    expect(version.value).toBe(0);
    expect(sched.rafCalls).toBe(0);
    sched.setHidden(false);
    sched.frame();
    expect(version.value).toBe(1);
    expect(sched.rafCalls).toBe(1);
  });

  it('a frame that still runs while hidden (Firefox) renders nothing until shown', () => {
    const sched = fakeScheduler();
    const version = signal(0);
    const touch = createRenderClock(sched, version, () => true, () => true);
    touch(); // asked while visible …
    sched.setHidden(true);
    sched.frame(); // … its frame comes while hidden
    expect(version.value).toBe(0);
    sched.setHidden(false);
    sched.frame();
    expect(version.value).toBe(1);
  });

  it('renders less often while busy when its renders cost more (render cost measured up to the next task)', () => {
    const sched = fakeScheduler();
    const posts: Array<() => void> = [];
    sched.post = (cb: () => void) => void posts.push(cb);
    const version = signal(0);
    const touch = createRenderClock(sched, version, () => true, () => true);
    const render = (): void => {
      touch();
      sched.frame();
      sched.advance(15); // the render's script, layout and paint: 15 ms before the next task
      for (const cb of posts.splice(0)) cb();
    };
    render();
    expect(version.value).toBe(1);
    touch();
    sched.advance(BUSY_RENDER_INTERVAL_MS);
    sched.frame();
    // 15 ms a render at 2 % of a core: 750 ms apart, not 250.
    expect(version.value).toBe(1);
    sched.advance(750 - BUSY_RENDER_INTERVAL_MS - 15);
    sched.frame();
    expect(version.value).toBe(2);
    render();
  });

  it('says it is bumping only while the version signal notifies its subscribers', () => {
    const sched = fakeScheduler();
    const version = signal(0);
    const seen: boolean[] = [];
    const stop = effect(() => {
      void version.value;
      seen.push(inRenderBump());
    });
    const touch = createRenderClock(sched, version, () => false);
    touch();
    sched.frame();
    stop();
    expect(seen).toEqual([false, true]);
    expect(inRenderBump()).toBe(false);
  });
});
