// @vitest-environment happy-dom
/**
 * The timeline draws in the render clock's own animation frame: a live batch's render and the
 * canvas draw it causes share one frame, instead of the draw asking for the next one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';
import { buildScene } from '../../../src/core/view/timeline-scene';

vi.mock('../../../src/core/view/timeline-scene', async (importActual) => {
  const real = await importActual<typeof import('../../../src/core/view/timeline-scene')>();
  return { ...real, buildScene: vi.fn(real.buildScene) };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const draws = (): number => vi.mocked(buildScene).mock.calls.length;

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('timeline drawing', () => {
  it('draws a live render in the render clock’s frame, without asking for another', async () => {
    // The page's timers and animation frames are fake: nothing runs unless the test advances
    // them, so a loaded machine cannot delay a frame past a wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const sched = manualScheduler({ frames: true });
    const store = new PanelStore(sched, () => 1_700_000_020_000);
    const evs = skipSyncEvents();
    const { container } = render(<App store={store} />);
    store.ingest({ src: 'h', frameUrl: 'https://app.example.com/', top: true, events: evs.slice(0, 8) });
    sched.run();
    sched.frame();
    await vi.advanceTimersByTimeAsync(500); // the mount's effects and draws
    expect(container.querySelector('section.timeline')).not.toBeNull();
    expect(draws()).toBeGreaterThan(0);

    sched.advance(1000);
    store.ingest({ src: 'h', frameUrl: 'https://app.example.com/', top: true, events: evs.slice(8) });
    sched.run(); // index and analysis: what they change is drawn in a frame of its own
    await vi.advanceTimersByTimeAsync(500);
    const before = draws();
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame');

    sched.frame(); // the render clock's bump
    await settle();

    expect(draws()).toBe(before + 1); // drawn once, in this frame: no timer or frame ran since
    // Only preact's own after-paint hook scheduling may ask for a frame, never the timeline's draw.
    for (const [cb] of raf.mock.calls) expect(String(cb)).not.toMatch(/draw/);
  });
});
