/**
 * How the panel schedules its work: "before the next paint", "as a new task", "after ms".
 *
 * While the panel's document is hidden (its tab in the background, or another DevTools panel
 * selected), the browser runs few or no animation frames: Firefox about one a second, Chromium
 * none. Work that waits for a frame (the store's index, filter and analysis slices, and
 * re-renders, see store.ts) then waits too, on purpose: nobody sees it, and the page being
 * debugged keeps the CPU. Ingest does not wait (it runs on each message), so nothing is lost,
 * and an export reads the captured events directly. Once the panel is shown, frames resume
 * and the views catch up. Re-renders do not even ask for a frame while hidden: they wait for
 * the document to be shown, then render once (render-clock.ts).
 */

/** How the store schedules work; injectable for tests. */
export interface PanelScheduler {
  /** Before the next paint (not while the document is hidden). */
  raf(cb: () => void): void;
  /** As a new task, soon (lets the browser paint and handle input in between). */
  post(cb: () => void): void;
  /** After `ms` milliseconds. */
  timeout(cb: () => void, ms: number): void;
  /** Monotonic clock, ms. */
  now(): number;
  /** True while the panel's document is hidden (absent: never hidden). */
  hidden?(): boolean;
  /** Calls `cb` once, the next time the document becomes visible (absent: never hidden). */
  whenShown?(cb: () => void): void;
}

/** The browser scheduler: requestAnimationFrame, a MessageChannel task queue, setTimeout, performance.now. */
export function browserScheduler(): PanelScheduler {
  const queue: Array<() => void> = [];
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    const fns = queue.splice(0);
    for (const f of fns) f();
  };
  return {
    raf: (cb) => requestAnimationFrame(() => cb()),
    post: (cb) => {
      queue.push(cb);
      if (queue.length === 1) ch.port2.postMessage(0);
    },
    timeout: (cb, ms) => void setTimeout(cb, ms),
    now: () => performance.now(),
    hidden: () => document.visibilityState === 'hidden',
    whenShown: (cb) => {
      const on = (): void => {
        if (document.visibilityState === 'hidden') return;
        document.removeEventListener('visibilitychange', on);
        cb();
      };
      document.addEventListener('visibilitychange', on);
    },
  };
}
