/**
 * The `wavetrace` object of the Playwright fixture (docs/design.md#package-and-playwright-fixture):
 * records every page of a test's browser context and turns what it recorded into a trace and
 * findings with the same code as `wavetrace check` and the panel.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { analyze } from '../core/analysis';
import type { Finding, Severity } from '../core/analysis/types';
import { createTrace } from '../core/trace/create-trace';
import { redactTrace } from '../core/trace/redact-trace';
import type { Trace } from '../core/trace/trace-format';
import { detectFromEvents } from '../cli/resolve-profile';
import type { Profile } from '../core/profile/types';
import { PageCapture } from './page-capture';
import { faultCommandFor, newestOpenConnection, type FaultRequest } from './fault-request';
import { placeFinding, type PlacedFinding } from './describe-findings';

/** Options of the fixture (`test.use({ wavetraceOptions: {...} })`). */
export interface WavetraceOptions {
  /**
   * Protocol profile, as `wavetrace check --profile`: a built-in name (scaiwave, socketio-v4, …),
   * `auto`, a profile JSON file (path relative to the working directory), or a profile object.
   * Checked when the fixture is set up: a wrong one fails the test at once, in one line.
   * Default: as `wavetrace check` without `--profile`, a preset detected from the connections,
   * else a profile learned from the capture.
   */
  profile?: string | Profile;
  /** Redact tokens and secrets in the trace attached to a failed test (default true). */
  redact?: boolean;
}

/** Options of `wavetrace.fault`. */
export interface FaultOptions {
  /** The page whose sockets the fault is for (default: the test's `page`). */
  page?: Page;
}

/** Severity threshold: `error` (default) keeps errors, `warning` errors and warnings, `info` everything. */
export interface FindingsFilter {
  severity?: Severity;
}

/** The fixture's handle on the recording of one test. */
export interface Wavetrace {
  /**
   * The trace recorded so far (not redacted) of `page` (default: the test's `page`), after its
   * hooks sent what they still held. Same format as the panel's Export and `wavetrace record`.
   */
  trace(page?: Page): Promise<Trace>;
  /**
   * Findings of every recorded page so far, analysed like `wavetrace check` does, at or above
   * the severity threshold (default `error`), sorted by time.
   */
  findings(filter?: FindingsFilter): Promise<Finding[]>;
  /**
   * Injects a fault into the page's sockets through its hook, as the panel's Break menu does
   * (docs/design.md#fault-commands): a kind (`'drop'`) or a command
   * (`{ kind: 'close', code: 4001, reason: 'expired' }`); without `conn` it aims at the newest
   * open connection of the page's recording. The page sees no recorder while it happens. Resolves
   * once the page's hook has the command.
   * @throws Error (one line) for an invalid command, when the page has no open connection for a
   *   kind that needs one, or when the page is not recorded or its hook has not started
   */
  fault(request: FaultRequest, opts?: FaultOptions): Promise<void>;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/**
 * `severity` of a findings filter, checked: a misspelt one (`'warn'`) would otherwise compare as
 * no rank and let every finding pass unseen.
 * @throws Error `<where>: unknown severity "warn" (accepted: "error", "warning", "info")`
 */
export function checkedSeverity(severity: unknown, where: string): Severity {
  if (severity === undefined) return 'error';
  if (typeof severity === 'string' && Object.hasOwn(RANK, severity)) return severity as Severity;
  const shown = typeof severity === 'string' ? JSON.stringify(severity) : String(severity);
  throw new Error(`${where}: unknown severity ${shown} (accepted: ${Object.keys(RANK).map((k) => `"${k}"`).join(', ')})`);
}

/** True when `f` is at or above the threshold `min`. */
export function atLeast(f: Finding, min: Severity): boolean {
  return RANK[f.severity] >= RANK[min];
}

/** Records a browser context's pages; created by the fixture before the test body runs. */
export class Recording implements Wavetrace {
  private readonly captures: Promise<PageCapture | undefined>[] = [];
  private readonly byPage = new Map<Page, Promise<PageCapture | undefined>>();

  private constructor(
    private readonly firstPage: Page,
    private readonly options: WavetraceOptions,
    private readonly relaySource: string,
    private readonly profile: Profile | undefined,
  ) {}

  /**
   * Adds the page hook (`hookSource`, a classic script) as an init script of `context` and
   * starts recording its pages, present and future.
   * @param profile the resolved `options.profile` (fixture-profile.ts), undefined to detect it per page
   */
  static async start(context: BrowserContext, page: Page, sources: { hook: string; relay: string }, options: WavetraceOptions, profile?: Profile): Promise<Recording> {
    const r = new Recording(page, options, sources.relay, profile);
    await context.addInitScript({ content: sources.hook });
    for (const p of context.pages()) r.watch(p);
    context.on('page', (p) => r.watch(p));
    await Promise.all(r.captures);
    return r;
  }

  private watch(page: Page): void {
    if (this.byPage.has(page)) return;
    const p = PageCapture.attach(page, this.relaySource, this.syncPaths()).catch(() => undefined);
    this.byPage.set(page, p);
    this.captures.push(p);
  }

  /** The sync endpoint the hook watches for an explicitly chosen profile (else the hook's default). */
  private syncPaths(): string[] | undefined {
    const path = this.profile?.sync?.urlPath;
    return path ? [path] : undefined;
  }

  /** Recorded pages in the order they opened, settled. */
  async pages(): Promise<PageCapture[]> {
    const all = (await Promise.all(this.captures)).filter((c): c is PageCapture => c !== undefined);
    await Promise.all(all.map((c) => c.settle()));
    return all;
  }

  async trace(page: Page = this.firstPage): Promise<Trace> {
    const c = await this.byPage.get(page);
    if (!c) throw new Error('wavetrace: this page is not recorded (it belongs to another browser context)');
    await c.settle();
    return traceOf(c);
  }

  async fault(request: FaultRequest, opts: FaultOptions = {}): Promise<void> {
    const c = await this.byPage.get(opts.page ?? this.firstPage);
    if (!c) throw new Error('wavetrace.fault: this page is not recorded (it belongs to another browser context)');
    await c.settle();
    const command = faultCommandFor(request, newestOpenConnection(c.state));
    if ((await c.fault(command)) === 0) throw new Error('wavetrace.fault: the page has no Wavetrace hook running (load a page first)');
  }

  async findings(filter: FindingsFilter = {}): Promise<Finding[]> {
    return (await this.placedFindings(filter, 'wavetrace.findings')).map((p) => p.finding);
  }

  /**
   * {@link Recording.findings} with where each happened (page, socket, time into the
   * recording), for the failure message of `toHaveNoFindings`.
   * @throws Error (one line) for a severity that is not one of error, warning, info
   */
  async placedFindings(filter: FindingsFilter = {}, caller = 'wavetrace.findings'): Promise<PlacedFinding[]> {
    const min = checkedSeverity(filter.severity, caller);
    const out: PlacedFinding[] = [];
    for (const c of await this.pages()) {
      const events = c.state.events;
      const profile = this.profile ?? detectFromEvents(events).profile;
      const a = analyze(events, profile, { dropped: c.state.dropped, endT: Date.now() });
      const pageUrl = urlOf(c.page);
      for (const f of a.findings) if (atLeast(f, min)) out.push({ finding: f, where: placeFinding(f, events, pageUrl) });
    }
    return out.sort((a, b) => a.finding.t - b.finding.t || a.finding.seq - b.finding.seq);
  }

  /** Traces of every recorded page for the report, redacted unless the options say otherwise. */
  async reportTraces(): Promise<Trace[]> {
    const traces = (await this.pages()).map(traceOf);
    return this.options.redact === false ? traces : traces.map((t) => redactTrace(t));
  }

  /** Detaches from every page. */
  async stop(): Promise<void> {
    for (const c of await Promise.all(this.captures)) await c?.detach();
  }
}

/** The page's URL, "" once it is closed. */
function urlOf(page: Page): string {
  try {
    return page.url();
  } catch {
    return '';
  }
}

function traceOf(c: PageCapture): Trace {
  const url = urlOf(c.page);
  const browser = c.page.context().browser();
  return createTrace(c.state.events, {
    source: { tool: 'wavetrace', browser: browser ? `${browser.browserType().name()} ${browser.version()}` : '', page: url },
    endedAt: Date.now(),
    dropped: c.state.dropped,
  });
}
