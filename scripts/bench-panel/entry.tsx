/**
 * Benchmark page for scripts/bench-panel.ts: the real panel UI (App over a PanelStore) in a
 * plain page, driven through `window.bench`. Not shipped.
 *
 * - `load(n)`: loads n synthetic scaiwave events as a trace (the viewer's path);
 * - `settled()`: true once the rows are indexed, filtered and the analysis is done;
 * - `frames(kind, ms)`: drives scrolling of the table or zooming/panning of the timeline once
 *   per animation frame for `ms`, and returns per-frame work times (rAF start → the next task
 *   after that frame's rendering) and rAF intervals, in ms;
 * - `stream(rate, seconds)`: feeds live batches at `rate` events/s (the live panel's path,
 *   `store.ingest`) and samples how far derived work lags behind.
 */
import { render } from 'preact';
import { App } from '../../src/panel/app';
import { PanelStore } from '../../src/panel/store';
import type { TraceEvent } from '../../src/core/events';
import { syntheticEvents } from './synthetic-events';
import { showcaseEvents } from './showcase-events';

declare global {
  interface Window {
    bench: BenchApi;
  }
}

/** What the benchmark script calls. */
export interface BenchApi {
  load(n: number): Promise<{ generateMs: number; loadMs: number }>;
  settled(): { indexed: number; events: number; rows: number; analysed: number; running: boolean; lastMs: number; findings: number };
  frames(kind: 'scroll' | 'zoom' | 'pan', ms: number): Promise<{ work: number[]; intervals: number[] }>;
  stream(rate: number, seconds: number): Promise<StreamResult>;
}

/** Result of a live streaming run. */
export interface StreamResult {
  generated: number;
  ingested: number;
  seconds: number;
  /** Largest backlog of events not yet indexed, sampled every 250 ms. */
  maxIndexLag: number;
  /** Backlog at the end. */
  endIndexLag: number;
  /** Largest age of the shown analysis (now − time of the last analysed event), ms, after the first 2 s. */
  maxAnalysisAgeMs: number;
  /** Analysis runs completed. */
  analysisRuns: number;
  /** Largest delay of the 16 ms feeding timer (event-loop latency), ms. */
  maxTimerDelayMs: number;
  work: number[];
  intervals: number[];
}

const root = document.getElementById('app') as HTMLElement;
let store = new PanelStore();
const mount = (): void => {
  render(null, root);
  render(<App store={store} actions={{ onToggleRecording: () => {}, onClear: () => store.clear() }} />, root);
};

const nextFrame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
const afterFrame = (): Promise<number> =>
  new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r(performance.now());
    ch.port2.postMessage(0);
  });

async function measure(ms: number, act: (i: number) => void): Promise<{ work: number[]; intervals: number[] }> {
  const work: number[] = [];
  const intervals: number[] = [];
  const end = performance.now() + ms;
  let last = await nextFrame();
  for (let i = 0; performance.now() < end; i++) {
    const t = await nextFrame();
    const start = performance.now();
    intervals.push(t - last);
    last = t;
    act(i);
    const done = await afterFrame();
    work.push(done - start);
  }
  return { work, intervals };
}

window.bench = {
  async load(n) {
    const t0 = performance.now();
    const events: TraceEvent[] = syntheticEvents({ count: n, sessions: 2, gapMs: 2 });
    const t1 = performance.now();
    store = new PanelStore();
    store.load(events, { profile: 'auto', page: 'https://app.example.com/' });
    if (new URLSearchParams(location.search).has('showcase')) {
  store = new PanelStore();
  store.load(showcaseEvents(), { profile: 'auto', page: 'https://app.example.com/inbox' });
  document.documentElement.dataset.theme = new URLSearchParams(location.search).get('theme') ?? 'light';
}
mount();
    const t2 = performance.now();
    return { generateMs: t1 - t0, loadMs: t2 - t1 };
  },
  settled() {
    const s = store;
    return {
      indexed: s.index.next,
      events: s.state.events.length,
      rows: s.filter.count,
      analysed: s.analysisStatus.value.covered,
      running: s.analysisStatus.value.running,
      lastMs: s.analysisStatus.value.lastMs,
      findings: s.analysis.value?.findings.length ?? 0,
    };
  },
  async frames(kind, ms) {
    const scroller = document.querySelector('.frame-scroll') as HTMLElement;
    const plot = document.querySelector('.tl-plot') as HTMLElement;
    const rect = plot.getBoundingClientRect();
    return measure(ms, (i) => {
      if (kind === 'scroll') {
        // Up and down through the whole table, 400 px per frame, with a jump every 60 frames.
        scroller.scrollTop = i % 60 === 59 ? Math.random() * scroller.scrollHeight : scroller.scrollTop + (Math.floor(i / 120) % 2 ? -400 : 400);
      } else if (kind === 'zoom') {
        const deltaY = Math.floor(i / 40) % 2 ? 120 : -120; // 40 frames in, 40 out
        plot.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: rect.left + rect.width * 0.6, clientY: rect.top + 40, bubbles: true, cancelable: true }));
      } else {
        plot.dispatchEvent(new WheelEvent('wheel', { deltaX: Math.floor(i / 40) % 2 ? 60 : -60, clientX: rect.left + 100, clientY: rect.top + 40, bubbles: true, cancelable: true }));
      }
    });
  },
  async stream(rate, seconds) {
    store = new PanelStore();
    if (new URLSearchParams(location.search).has('showcase')) {
  store = new PanelStore();
  store.load(showcaseEvents(), { profile: 'auto', page: 'https://app.example.com/inbox' });
  document.documentElement.dataset.theme = new URLSearchParams(location.search).get('theme') ?? 'light';
}
mount();
    const total = rate * seconds;
    const events = syntheticEvents({ count: total, sessions: 2, gapMs: 1000 / rate, startT: Date.now() });
    let sent = 0;
    let seq = 0;
    let maxIndexLag = 0;
    let maxAge = 0;
    let maxDelay = 0;
    let runs = 0;
    let lastAnalysis = store.analysis.value;
    const t0 = performance.now();
    const feed = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      if (due > sent) {
        const evs = events.slice(sent, due).map((e) => ({ ...e, seq: ++seq, t: Date.now() }));
        store.ingest({ src: 'bench', frameUrl: 'https://app.example.com/', top: true, events: evs });
        sent = due;
      }
    };
    const sampler = setInterval(() => {
      maxIndexLag = Math.max(maxIndexLag, store.state.events.length - store.index.next);
      const a = store.analysis.value;
      if (a !== lastAnalysis) {
        runs++;
        lastAnalysis = a;
      }
      if (performance.now() - t0 > 2000 && a) maxAge = Math.max(maxAge, Date.now() - a.endT);
    }, 250);
    let expected = performance.now() + 16;
    const timer = setInterval(() => {
      const now = performance.now();
      maxDelay = Math.max(maxDelay, now - expected);
      expected = now + 16;
      feed();
    }, 16);
    // The table follows the newest rows by itself (scrolled to the bottom), as a user watching live sees it.
    const m = await measure(seconds * 1000, () => {});
    clearInterval(timer);
    feed();
    clearInterval(sampler);
    return {
      generated: total,
      ingested: store.state.events.length,
      seconds: (performance.now() - t0) / 1000,
      maxIndexLag,
      endIndexLag: store.state.events.length - store.index.next,
      maxAnalysisAgeMs: maxAge,
      analysisRuns: runs,
      maxTimerDelayMs: maxDelay,
      work: m.work,
      intervals: m.intervals,
    };
  },
};
if (new URLSearchParams(location.search).has('showcase')) {
  store = new PanelStore();
  store.load(showcaseEvents(), { profile: 'auto', page: 'https://app.example.com/inbox' });
  document.documentElement.dataset.theme = new URLSearchParams(location.search).get('theme') ?? 'light';
}
mount();
