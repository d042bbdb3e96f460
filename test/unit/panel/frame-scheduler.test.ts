import { describe, expect, it } from 'vitest';
import { frameScheduler, type FrameHost } from '../../../src/panel/scheduler';

/** A document whose frames, tasks and visibility the test drives. */
function fakeHost() {
  let hidden = false;
  let nextId = 1;
  const frames = new Map<number, () => void>();
  const tasks: Array<() => void> = [];
  const listeners: Array<() => void> = [];
  const host: FrameHost = {
    requestFrame: (cb) => {
      frames.set(nextId, cb);
      return nextId++;
    },
    cancelFrame: (id) => void frames.delete(id),
    post: (cb) => void tasks.push(cb),
    hidden: () => hidden,
    onVisibilityChange: (cb) => void listeners.push(cb),
  };
  return {
    host,
    setHidden(h: boolean) {
      hidden = h;
      for (const l of listeners) l();
    },
    paint() {
      const fns = [...frames.values()];
      frames.clear();
      for (const f of fns) f();
    },
    runTasks() {
      for (const t of tasks.splice(0)) t();
    },
    get frames() {
      return frames.size;
    },
    get tasks() {
      return tasks.length;
    },
  };
}

describe('frameScheduler', () => {
  it('runs callbacks together, in order, on the next frame while visible', () => {
    const h = fakeHost();
    const raf = frameScheduler(h.host);
    const ran: number[] = [];
    raf(() => ran.push(1));
    raf(() => ran.push(2));
    expect(h.frames).toBe(1);
    expect(h.tasks).toBe(0);
    h.runTasks();
    expect(ran).toEqual([]);
    h.paint();
    expect(ran).toEqual([1, 2]);
  });

  it('runs them as one task while the document is hidden (no frame is coming)', () => {
    const h = fakeHost();
    const raf = frameScheduler(h.host);
    h.setHidden(true);
    const ran: number[] = [];
    raf(() => ran.push(1));
    raf(() => ran.push(2));
    expect(h.frames).toBe(0);
    expect(h.tasks).toBe(1);
    h.runTasks();
    expect(ran).toEqual([1, 2]);
  });

  it('a frame still awaited when the document becomes hidden runs as a task, once', () => {
    const h = fakeHost();
    const raf = frameScheduler(h.host);
    const ran: number[] = [];
    raf(() => ran.push(1));
    expect(h.frames).toBe(1);
    h.setHidden(true);
    expect(h.frames).toBe(0);
    h.runTasks();
    expect(ran).toEqual([1]);
    h.paint();
    expect(ran).toEqual([1]);
  });

  it('goes back to frames once visible again', () => {
    const h = fakeHost();
    const raf = frameScheduler(h.host);
    h.setHidden(true);
    raf(() => undefined);
    h.runTasks();
    h.setHidden(false);
    const ran: number[] = [];
    raf(() => ran.push(3));
    expect(h.tasks).toBe(0);
    h.paint();
    expect(ran).toEqual([3]);
  });
});
