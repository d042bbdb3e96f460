/**
 * Chromium tracing for the ad-hoc profiler (hot-profile.ts `--trace`): records a trace over the
 * browser's CDP endpoint and sums, per process and thread, where rendering time goes (style,
 * layout, paint, compositing, script, GPU/viz work) and how many animation frames and commits
 * each renderer produced. Durations are wall time and thread CPU time (`tdur`, which other
 * processes' load does not inflate) of complete events in ms (nested events of other names are
 * counted in both, so read rows, not sums).
 */
import WebSocket from 'ws';

/** Trace categories: the DevTools timeline (script, style, layout, paint), cc and viz frames, GPU. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz', 'gpu', 'toplevel'];

/** Event names worth a row (wall ms and count per thread). */
const ROWS = [
  'RunTask', 'FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'V8.GC_MARK_COMPACTOR', 'MinorGC', 'MajorGC',
  'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit',
  'ProxyMain::BeginMainFrame', 'ProxyImpl::ScheduledActionCommit', 'LayerTreeHostImpl::PrepareToDraw', 'ScheduledActionDraw',
  'Graphics.Pipeline', 'Display::DrawAndSwap', 'SkiaOutputSurfaceImplOnGpu::SwapBuffers', 'GpuChannel::ExecuteDeferredRequest',
  'CommandBufferStub::OnAsyncFlush', 'HitTest', 'ParseHTML', 'IntersectionObserverController::computeIntersections',
];

interface TraceEvent { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; ts?: number; args?: { name?: string } }

/** A running trace; `stop()` ends it and returns the summary lines. */
export interface RunningTrace {
  stop(names: ReadonlyMap<number, string>): Promise<string[]>;
}

/** Starts tracing on the browser at `debugPort`. */
export async function startTrace(debugPort: number): Promise<RunningTrace> {
  const version = (await (await fetch(`http://127.0.0.1:${debugPort}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const ws = new WebSocket(version.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const events: TraceEvent[] = [];
  let done: (() => void) | undefined;
  const complete = new Promise<void>((r) => (done = r));
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString()) as { method?: string; params?: { value?: TraceEvent[] } };
    if (msg.method === 'Tracing.dataCollected') events.push(...(msg.params?.value ?? []));
    else if (msg.method === 'Tracing.tracingComplete') done?.();
  });
  ws.send(JSON.stringify({ id: 1, method: 'Tracing.start', params: { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' } } }));
  return {
    async stop(names) {
      ws.send(JSON.stringify({ id: 2, method: 'Tracing.end' }));
      await complete;
      ws.close();
      return summarizeTrace(events, names);
    },
  };
}

/** Sums the trace's events per process/thread (see the module comment). */
export function summarizeTrace(events: readonly TraceEvent[], names: ReadonlyMap<number, string>): string[] {
  const procName = new Map<number, string>();
  const threadName = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'process_name') procName.set(e.pid, e.args?.name ?? '');
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  }
  const per = new Map<string, Map<string, { ms: number; cpu: number; n: number }>>();
  for (const e of events) {
    if (!ROWS.includes(e.name) || (e.ph !== 'X' && e.ph !== 'B')) continue;
    const key = `${e.pid}:${e.tid}`;
    let m = per.get(key);
    if (!m) per.set(key, (m = new Map()));
    const r = m.get(e.name) ?? { ms: 0, cpu: 0, n: 0 };
    r.ms += (e.dur ?? 0) / 1000;
    r.cpu += (e.tdur ?? e.dur ?? 0) / 1000;
    r.n++;
    m.set(e.name, r);
  }
  const out: string[] = ['  trace (wall ms / thread CPU ms / count per thread; only threads with ≥ 5 ms of RunTask or rows):'];
  const keys = [...per.keys()].sort((a, b) => (per.get(b)!.get('RunTask')?.ms ?? 0) - (per.get(a)!.get('RunTask')?.ms ?? 0));
  for (const key of keys) {
    const m = per.get(key)!;
    const total = [...m.values()].reduce((s, r) => s + r.ms, 0);
    if (total < 5) continue;
    const pid = Number(key.split(':')[0]);
    out.push(`   pid ${pid} ${names.get(pid) ?? procName.get(pid) ?? '?'} / ${threadName.get(key) ?? key}`);
    const rows = [...m].sort((a, b) => b[1].ms - a[1].ms).filter(([, r]) => r.ms >= 1 || r.n >= 50);
    out.push('     ' + rows.map(([k, r]) => `${k} ${r.ms.toFixed(0)}/${r.cpu.toFixed(0)}/${r.n}`).join(', '));
  }
  return out;
}
