/**
 * How the panel schedules its work: "before the next paint", "as a new task", "after ms".
 *
 * A hidden document paints nothing: Firefox runs a background tab's animation frames about
 * once a second and Chromium not at all (HTML "update the rendering" skips hidden documents),
 * and both clamp a hidden tab's timers to at least 1 s. Work that waits for a frame (the
 * store's background slices, see store.ts) would then crawl or stall while the panel's tab is
 * in the background, e.g. a panel opened as a tab while the user works in the page's tab. So
 * "before the next paint" means "as a new task" while the document is hidden, and a frame
 * still awaited when the document becomes hidden is run as a task instead.
 */

/** How the store schedules work; injectable for tests. */
export interface PanelScheduler {
  /** Before the next paint; as a new task while the document is hidden (no paint is coming). */
  raf(cb: () => void): void;
  /** As a new task, soon (lets the browser paint and handle input in between). */
  post(cb: () => void): void;
  /** After `ms` milliseconds. */
  timeout(cb: () => void, ms: number): void;
  /** Monotonic clock, ms. */
  now(): number;
}

/** What {@link frameScheduler} needs of the document and the event loop. */
export interface FrameHost {
  requestFrame(cb: () => void): number;
  cancelFrame(id: number): void;
  /** Queues `cb` as a new task (never a throttled timer). */
  post(cb: () => void): void;
  /** True while the document is hidden (`document.visibilityState === 'hidden'`). */
  hidden(): boolean;
  /** Calls `cb` on every visibility change. */
  onVisibilityChange(cb: () => void): void;
}

/**
 * Returns `raf(cb)`: callbacks run together on the next animation frame, or as one task while
 * the document is hidden. Order of callbacks is kept.
 */
export function frameScheduler(host: FrameHost): (cb: () => void) => void {
  let queue: Array<() => void> = [];
  let frameId: number | undefined;
  let taskQueued = false;
  const run = (): void => {
    frameId = undefined;
    taskQueued = false;
    const fns = queue;
    queue = [];
    for (const f of fns) f();
  };
  const asTask = (): void => {
    if (frameId !== undefined) host.cancelFrame(frameId);
    frameId = undefined;
    if (taskQueued) return;
    taskQueued = true;
    host.post(run);
  };
  host.onVisibilityChange(() => {
    if (queue.length > 0 && host.hidden()) asTask();
  });
  return (cb) => {
    queue.push(cb);
    if (host.hidden()) asTask();
    else if (frameId === undefined && !taskQueued) frameId = host.requestFrame(run);
  };
}

/** The browser scheduler: animation frames (tasks while hidden), a MessageChannel task queue, setTimeout, performance.now. */
export function browserScheduler(): PanelScheduler {
  const queue: Array<() => void> = [];
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    const fns = queue.splice(0);
    for (const f of fns) f();
  };
  const post = (cb: () => void): void => {
    queue.push(cb);
    if (queue.length === 1) ch.port2.postMessage(0);
  };
  return {
    raf: frameScheduler({
      requestFrame: (cb) => requestAnimationFrame(() => cb()),
      cancelFrame: (id) => cancelAnimationFrame(id),
      post,
      hidden: () => document.visibilityState === 'hidden',
      onVisibilityChange: (cb) => document.addEventListener('visibilitychange', cb),
    }),
    post,
    timeout: (cb, ms) => void setTimeout(cb, ms),
    now: () => performance.now(),
  };
}
