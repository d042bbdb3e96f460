/**
 * CPU time per Chromium process, for the hook benchmark's per-process table (method:
 * scripts/bench/README.md, "Per-process CPU").
 *
 * Which process is which comes from Chromium itself: `SystemInfo.getProcessInfo` on the browser
 * target lists every child process with its id and type (browser, renderer, GPU, utility
 * services). Renderers all have type "renderer", so each renderer of interest (the bench page,
 * the Wavetrace panel, the DevTools frontend) is told apart by a probe: a busy loop of fixed
 * work is evaluated in that target and the renderer whose CPU time grew by it is the target's process.
 * The extension service worker (the hub) is the renderer thread named "ServiceWorker thread".
 *
 * The CPU time itself is read from Linux's per-thread scheduler statistics
 * (`/proc/<pid>/task/<tid>/schedstat`, nanoseconds on the CPU), not from getProcessInfo's
 * `cpuTime`, which has the kernel's 10 ms tick resolution and cannot split the service worker
 * thread from the extension pages that may share its process. Linux only: elsewhere
 * {@link ProcessCpu.available} is false and the table is not printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { CdpSession } from '../../src/cli/browser/cdp';

/** The processes (and the one thread) the table has a column for. */
export const ROLES = ['page', 'hub', 'panel', 'devtools', 'browser', 'other'] as const;
/** One column of the per-process table. */
export type Role = (typeof ROLES)[number];
/** What each column holds, for the legend printed under the table. */
export const ROLE_LEGEND: Record<Role, string> = {
  page: 'the bench page\'s renderer (page script + the hook and relay, one main thread)',
  hub: 'the extension service worker thread (the hub)',
  panel: 'the Wavetrace panel\'s renderer (standalone tab or DevTools iframe), without the service worker thread',
  devtools: 'the DevTools frontend\'s renderer',
  browser: 'the browser process',
  other: 'GPU, network service and every other child process',
};

/** CPU nanoseconds per role, cumulative since the process started. */
export type CpuSample = Record<Role, number>;
/**
 * Cumulative CPU nanoseconds per thread (`pid/tid` → role and ns) at one moment. Kept per
 * thread so that a thread or process that ends (an idle service worker stopped, a spare
 * renderer) does not make a difference negative: {@link cpuDelta} counts only threads alive at
 * the end, from 0 for those born in between.
 */
export type RawSample = Map<string, { role: Role; ns: number }>;

/** Nanoseconds on the CPU of every thread of `pid`, keyed by thread id, with the thread's name. */
function threadsNs(pid: number): { tid: string; comm: string; ns: number }[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: { tid: string; comm: string; ns: number }[] = [];
  for (const tid of tids) {
    try {
      const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.push({ tid, comm, ns });
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

/** Total CPU nanoseconds of `pid` (all threads). */
const processNs = (pid: number): number => threadsNs(pid).reduce((a, t) => a + t.ns, 0);

const SW_THREAD = /^ServiceWorker/;

/** Per-process CPU of one launched Chromium. */
export interface ProcessCpu {
  /** False off Linux (no /proc schedstat): {@link sample} then returns zeros. */
  available: boolean;
  /**
   * Finds the renderer of a target by running a busy loop in it (about 100 ms of CPU), and
   * files that renderer under `role`. Call with each target of interest before sampling.
   * @throws when no renderer's CPU time grew by at least 20 ms and 3 × any other's
   */
  identify(role: 'page' | 'panel' | 'devtools', target: CdpSession): Promise<void>;
  /**
   * Waits until the browser is quiet: all its processes together under 5 % of a core over two
   * 200 ms windows in a row (at most `maxMs`). Other users of the machine do not delay it.
   */
  quiet(maxMs: number): Promise<void>;
  /** CPU nanoseconds per thread so far (processes started later count under `other`). */
  sample(): Promise<RawSample>;
  /**
   * CPU nanoseconds of every process known at the last {@link sample} or {@link identify},
   * together: cheap enough to poll for "is it quiet yet".
   */
  totalNs(): number;
  /** Process ids of the browser and its children, as of the last {@link sample} or {@link quiet}. */
  pids(): number[];
  close(): void;
}

/**
 * Attaches to a Chromium's browser target (remote debugging on `debugPort`).
 * @throws when the browser's CDP endpoint is not reachable
 */
export async function processCpu(debugPort: number): Promise<ProcessCpu> {
  const version = (await (await fetch(`http://127.0.0.1:${debugPort}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const browser = await CdpSession.connect(version.webSocketDebuggerUrl);
  const available = (() => {
    try {
      readFileSync('/proc/self/schedstat', 'utf8');
      return true;
    } catch {
      return false;
    }
  })();
  const roles = new Map<number, 'page' | 'panel' | 'devtools'>();
  let known: { id: number; type: string }[] = [];
  const processes = async (): Promise<{ id: number; type: string }[]> =>
    (known = (await browser.send<{ processInfo: { id: number; type: string }[] }>('SystemInfo.getProcessInfo')).processInfo);

  const self: ProcessCpu = {
    available,
    async identify(role, target) {
      if (!available) return;
      let grown: { pid: number; ns: number }[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        await self.quiet(5000); // a starting browser's other renderers are busy for a while
        const renderers = (await processes()).filter((p) => p.type === 'renderer').map((p) => p.id);
        const before = new Map(renderers.map((pid) => [pid, processNs(pid)]));
        // A fixed amount of work, not a fixed wall time: on a loaded machine the loop gets a
        // fraction of a core, but still the same CPU time.
        await target.evaluate('(() => { let x = 1; for (let i = 0; i < 4e7; i++) x = (x * 1103515245 + 12345) | 0; return x; })()');
        grown = renderers.map((pid) => ({ pid, ns: processNs(pid) - (before.get(pid) ?? 0) })).sort((x, y) => y.ns - x.ns);
        const best = grown[0];
        if (best && best.ns >= 20e6 && best.ns >= 3 * (grown[1]?.ns ?? 0)) {
          roles.set(best.pid, role);
          return;
        }
      }
      throw new Error(`no single renderer ran the ${role} probe (CPU ms grown, last try: ${grown.map((g) => (g.ns / 1e6).toFixed(0)).join(', ')})`);
    },
    async quiet(maxMs) {
      if (!available) return;
      await processes();
      const end = Date.now() + maxMs;
      let calm = 0;
      let last = self.totalNs();
      while (Date.now() < end && calm < 2) {
        await new Promise((r) => setTimeout(r, 200));
        const now = self.totalNs();
        calm = now - last < 0.05 * 200e6 ? calm + 1 : 0;
        last = now;
      }
    },
    async sample() {
      const s: RawSample = new Map();
      if (!available) return s;
      for (const p of await processes()) {
        const role = roles.get(p.id);
        for (const t of threadsNs(p.id)) {
          const r: Role = p.type === 'renderer' && SW_THREAD.test(t.comm) ? 'hub' : role ? role : p.type === 'browser' ? 'browser' : 'other';
          s.set(`${p.id}/${t.tid}`, { role: r, ns: t.ns });
        }
      }
      return s;
    },
    totalNs() {
      return available ? known.reduce((a, p) => a + processNs(p.id), 0) : 0;
    },
    pids() {
      return known.map((p) => p.id);
    },
    close() {
      browser.close();
    },
  };
  return self;
}

/** CPU nanoseconds per role between two samples (threads alive at `after`; see {@link RawSample}). */
export function cpuDelta(before: RawSample, after: RawSample): CpuSample {
  const d: CpuSample = { page: 0, hub: 0, panel: 0, devtools: 0, browser: 0, other: 0 };
  for (const [key, t] of after) d[t.role] += t.ns - (before.get(key)?.ns ?? 0);
  return d;
}
