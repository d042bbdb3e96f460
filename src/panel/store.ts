/**
 * The panel store: a {@link CaptureState} (live batches, or a whole loaded trace) plus what the
 * views derive from it, behind preact signals:
 * - the row index (frames, lifecycle events and sync requests, classified under the profile in
 *   use) and the filtered rows of the table, both built incrementally in slices of at most
 *   {@link SLICE_MS} between frames, so ingest never waits and 1,000,000 events never block;
 * - the analysis (docs/design.md#analysis), run in slices off the render path: once for a loaded trace,
 *   and while live at most every 500 ms and never more than about a third of the time
 *   (analysis-throttle.ts);
 * - the selection (event, connection, finding and its evidence), the table filter and the
 *   timeline viewport, shared by timeline, table, findings list and detail.
 * Views re-render at most once per animation frame via `version`.
 */
import { batch as batchSignals, signal } from '@preact/signals';
import { applyEvent, createCaptureState, type CaptureState } from '../core/store/capture-state';
import { ingestBatch } from '../core/store/ingest';
import type { EventBatch } from '../core/bridge/messages';
import type { ConnId, TraceEvent } from '../core/events';
import type { Analysis, AnalyzeOptions, Finding } from '../core/analysis/types';
import type { Profile } from '../core/profile/types';
import { DEFAULT_REDACT_KEYS, redactKeySet } from '../core/redact';
import { RowIndex } from '../core/view/row-index';
import { RowFilter, defaultFilterSpec, type RowFilterSpec } from '../core/view/row-filter';
import { rowSearchText, type RowTextContext } from '../core/view/row-text';
import { startSlicedAnalysis, type SlicedAnalysis } from '../core/view/sliced-analysis';
import { createAnalysisThrottle, nextRunAt, runFinished, runStarted, shouldRun } from '../core/view/analysis-throttle';
import { AUTO_CHOICE, relearnDue, resolveProfile, sameProfile, siteOrigin, toProfileChoice, type ProfileChoice, type ResolvedProfile } from '../core/view/profile-choice';
import { evidenceEvents, evidenceTimeRange, findingKey, primaryEvidenceRow } from '../core/view/evidence';
import type { Viewport } from '../core/view/time-viewport';
import { browserScheduler, type PanelScheduler } from './scheduler';

/** Longest slice of background work (indexing, filtering, analysis) between frames, ms. */
export const SLICE_MS = 5;
/** Background work per animation frame, ms: beyond it, slices wait for the next frame. */
export const FRAME_BUDGET_MS = 7;
/** While live, views re-render for new events at most this often, ms (about 20 per second). */
export const LIVE_RENDER_INTERVAL_MS = 50;

/** Options of {@link PanelStore.load}: what a trace header (docs/design.md#trace-format) or a HAR import says. */
export interface LoadOptions {
  /** Profile name, "auto", or an inline profile (trace header `profile`). Default auto. */
  profile?: string | Profile;
  /** Trace header `dropped`. */
  dropped?: number;
  /** `har` applies the HAR rules of the analysis. */
  input?: 'trace' | 'har';
  /** HAR: conn → end of its entry (ms since the epoch). */
  connEnds?: ReadonlyMap<ConnId, number>;
  /** Trace header `source.page` (its origin keys the per-site profile). */
  page?: string;
  /** When the capture ended, ms since the epoch (open connections run up to it). */
  endT?: number;
  /** Same as `endT` (the trace header's `endedAt`, parsed to ms since the epoch). */
  endedAt?: number;
}

/** Where the analysis stands. */
export interface AnalysisStatus {
  running: boolean;
  /** Events covered by the shown analysis. */
  covered: number;
  /** Wall time of the last run, ms (slices included). */
  lastMs: number;
}

/** Live (or loaded) capture plus derived views and UI selection. */
export class PanelStore {
  state: CaptureState = createCaptureState();
  /** Bumped (throttled to animation frames) when the capture, index or filtered rows changed. */
  readonly version = signal(0);
  /** Live capture (false once a trace is loaded). */
  readonly live = signal(true);
  readonly recording = signal(true);
  readonly linkUp = signal(false);
  /** Keep events across top-level navigations (when false, a navigation starts a fresh capture). */
  readonly preserveLog = signal(true);
  /** Names redacted in URLs the panel shows (docs/design.md#trace-format). */
  readonly redactKeys = signal<string[]>([...DEFAULT_REDACT_KEYS]);
  /** Loaded trace: header facts. */
  readonly source = signal<{ page: string; dropped: number; input: 'trace' | 'har'; connEnds?: ReadonlyMap<ConnId, number>; endT?: number }>({ page: '', dropped: 0, input: 'trace' });

  readonly profileChoice = signal<ProfileChoice>(AUTO_CHOICE);
  readonly profile = signal<ResolvedProfile>(resolveProfile(AUTO_CHOICE, this.state));
  index: RowIndex = new RowIndex(this.profile.value.profile);
  filter: RowFilter;
  readonly filterSpec = signal<RowFilterSpec>(defaultFilterSpec());

  readonly analysis = signal<Analysis | undefined>(undefined);
  readonly analysisStatus = signal<AnalysisStatus>({ running: false, covered: 0, lastMs: 0 });

  /** Selected event (index into `state.events`). */
  readonly selectedEvent = signal<number | undefined>(undefined);
  /** Connection in focus (header, highlighted lane). */
  readonly selectedConn = signal<ConnId | undefined>(undefined);
  /** Selected finding ({@link findingKey}). */
  readonly selectedFinding = signal<string | undefined>(undefined);
  /** Event indexes highlighted as the selected finding's evidence. */
  readonly evidence = signal<number[]>([]);
  /** Timeline range; undefined = fit everything. */
  readonly viewport = signal<Viewport | undefined>(undefined);
  /** Timeline follows the capture (fit to all, extended as it grows). */
  readonly follow = signal(true);
  /** What made the last selection: a finding, or a direct pick (table, timeline). */
  readonly selectedBy = signal<'finding' | 'direct'>('direct');
  /** Bumped when fill batches complete frames (full previews, measured sizes): the detail pane and export dialog follow it. */
  readonly fills = signal(0);
  /** One-line notice for the user (e.g. "filters reset to show the evidence"). */
  readonly notice = signal<string>('');

  private pending = false;
  private pumpQueued = false;
  /** Background work done since the last animation frame, ms. */
  private usedThisFrame = 0;
  private waitingFrame = false;
  private timerAt = Infinity;
  private job: SlicedAnalysis | undefined;
  private jobStart = 0;
  private readonly throttle = createAnalysisThrottle(500);
  private autoSettled = false;
  private generation = 0;

  /**
   * @param sched scheduling (default: the browser's)
   * @param wallNow wall clock, ms since the epoch (the capture's `t` base), for "now" while live
   */
  constructor(
    private readonly sched: PanelScheduler = browserScheduler(),
    private readonly wallNow: () => number = () => Date.now(),
  ) {
    this.filter = this.newFilter(this.filterSpec.value);
  }

  /** Set by the panel entry: asks the inspected tab's hooks for every full preview still owed. */
  requestFills: (() => void) | undefined;

  /** True while the frame at event index `ei` waits for its full preview (a fill batch). */
  isPreviewPending(ei: number): boolean {
    if (this.state.pendingPreviews.size === 0) return false;
    for (const i of this.state.pendingPreviews.values()) if (i === ei) return true;
    return false;
  }

  /**
   * Asks the hooks for every owed full preview and resolves once none is pending, or after
   * `timeoutMs` (the tab may be gone). Resolves with the number still pending. Used before
   * an export, so the file holds full previews and measured sizes.
   */
  completePreviews(timeoutMs = 10000): Promise<number> {
    if (this.state.pendingPreviews.size === 0) return Promise.resolve(0);
    this.requestFills?.();
    const end = this.sched.now() + timeoutMs;
    return new Promise((resolve) => {
      const check = (): void => {
        const left = this.state.pendingPreviews.size;
        if (left === 0 || this.sched.now() >= end) resolve(left);
        else this.sched.timeout(check, 50);
      };
      check();
    });
  }

  /** Context for row text (table cells, search). */
  textContext(): RowTextContext {
    return { events: this.state.events, index: this.index, state: this.state, profile: this.profile.value.profile, redactKeys: redactKeySet(this.redactKeys.value) };
  }

  private newFilter(spec: RowFilterSpec): RowFilter {
    let ctx: RowTextContext | undefined;
    return new RowFilter(spec, this.index, (r) => rowSearchText((ctx ??= this.textContext()), r));
  }

  /** Origin of the inspected site (per-site profile key). */
  siteOrigin(): string {
    return siteOrigin(this.state.events, this.source.value.page);
  }

  /** Ingests a live batch (dedupe by hook-local seq) and schedules derived work and a re-render. */
  ingest(batch: EventBatch): void {
    const before = this.state.events.length;
    const r = ingestBatch(this.state, batch);
    if (r.filled.length > 0) this.refreshFilled(r.filled);
    else if (batch.lost) this.touch();
    if (batch.fill) this.fills.value++;
    if (r.added === 0) return;
    if (!this.preserveLog.value && batch.top) this.dropBeforeNavigation(before);
    this.throttle.dirty = true;
    this.schedulePump();
    this.touch();
  }

  /**
   * Frames whose full preview arrived (fill batch): re-classified in place, or the index is
   * rebuilt when a kind changed; the search filter is re-run when it looks at text; the
   * analysis re-runs (throttled) as for new events.
   */
  private refreshFilled(filled: readonly number[]): void {
    let rebuild = false;
    for (const ei of filled) {
      if (!this.index.refreshFrame(this.state.events, ei)) {
        rebuild = true;
        break;
      }
    }
    if (rebuild) this.rebuildDerived();
    else if (this.filterSpec.value.search.trim() !== '') this.filter = this.newFilter(this.filterSpec.value);
    this.throttle.dirty = true;
    this.schedulePump();
    this.touch();
  }

  /** Without preserve log: a top-level navigation among the new events starts a fresh capture there. */
  private dropBeforeNavigation(firstNew: number): void {
    const ev = this.state.events;
    let nav = -1;
    for (let i = ev.length - 1; i >= firstNew; i--) {
      if (ev[i]!.type === 'page-navigation') {
        nav = i;
        break;
      }
    }
    if (nav <= 0) return;
    const kept = ev.slice(nav);
    const fresh = createCaptureState();
    fresh.marks = this.state.marks;
    fresh.dropped = this.state.dropped;
    fresh.droppedBySrc = this.state.droppedBySrc;
    kept.forEach((e, i) => applyEvent(fresh, { ...e, seq: i + 1 }));
    for (const [k, i] of this.state.pendingPreviews) if (i >= nav) fresh.pendingPreviews.set(k, i - nav);
    this.replaceState(fresh);
  }

  /** Drops every event and the selection. Marks are kept so old events are not re-sent. */
  clear(): void {
    const fresh = createCaptureState();
    fresh.marks = this.state.marks;
    this.replaceState(fresh);
    this.touch();
  }

  /**
   * Replaces the capture with a whole trace's events (in `seq` order; sorted if not) — the
   * viewer's and the import's entry point. The analysis starts at once (in slices).
   */
  load(events: readonly TraceEvent[], opts: LoadOptions = {}): void {
    let evs = events;
    for (let i = 1; i < evs.length; i++) {
      if (evs[i]!.seq <= evs[i - 1]!.seq) {
        evs = [...events].sort((a, b) => a.seq - b.seq);
        break;
      }
    }
    const fresh = createCaptureState();
    for (let i = 0; i < evs.length; i++) applyEvent(fresh, evs[i]!);
    fresh.dropped = opts.dropped ?? 0;
    batchSignals(() => {
      this.live.value = false;
      this.source.value = { page: opts.page ?? '', dropped: opts.dropped ?? 0, input: opts.input ?? 'trace', ...(opts.connEnds ? { connEnds: opts.connEnds } : {}), ...((opts.endT ?? opts.endedAt) !== undefined ? { endT: (opts.endT ?? opts.endedAt) as number } : {}) };
      this.profileChoice.value = toProfileChoice(opts.profile, 'trace');
      this.replaceState(fresh);
    });
    this.touch();
  }

  /** Uses another profile (auto, a built-in name, or inline): rebuilds the index and re-runs the analysis. */
  setProfileChoice(choice: ProfileChoice): void {
    this.profileChoice.value = choice;
    this.autoSettled = false;
    this.applyProfile(resolveProfile(choice, this.state, this.siteOrigin()));
  }

  private applyProfile(p: ResolvedProfile): void {
    const same = p.profile === this.profile.value.profile;
    this.profile.value = p;
    if (same) return;
    this.rebuildDerived();
  }

  /** Sets the table filter (rows are re-filtered in slices). */
  setFilter(spec: RowFilterSpec): void {
    this.filterSpec.value = spec;
    this.filter = this.newFilter(spec);
    this.schedulePump();
    this.touch();
  }

  /** Sets the redaction keys (URLs shown, credentials compared by the analysis). */
  setRedactKeys(keys: string[]): void {
    this.redactKeys.value = [...keys];
    this.filter = this.newFilter(this.filterSpec.value);
    this.throttle.dirty = true;
    this.schedulePump(true);
    this.touch();
  }

  private replaceState(fresh: CaptureState): void {
    this.state = fresh;
    this.generation++;
    this.autoSettled = false;
    batchSignals(() => {
      this.selectedEvent.value = undefined;
      this.selectedConn.value = undefined;
      this.selectedFinding.value = undefined;
      this.evidence.value = [];
      this.viewport.value = undefined;
      this.follow.value = true;
      this.notice.value = '';
      this.analysis.value = undefined;
      this.analysisStatus.value = { running: false, covered: 0, lastMs: 0 };
      const p = resolveProfile(this.profileChoice.value, fresh, this.siteOrigin());
      this.profile.value = p;
    });
    this.rebuildDerived();
  }

  private rebuildDerived(): void {
    this.generation++;
    this.index = new RowIndex(this.profile.value.profile);
    this.filter = this.newFilter(this.filterSpec.value);
    this.job = undefined;
    this.throttle.running = false;
    this.throttle.dirty = true;
    this.throttle.lastEnd = -Infinity;
    this.schedulePump(true);
  }

  /** Re-runs the analysis now (e.g. after settings changed). */
  reanalyze(): void {
    this.throttle.dirty = true;
    this.schedulePump(true);
  }

  private schedulePump(immediate = false): void {
    if (immediate) this.throttle.lastEnd = -Infinity;
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    if (this.usedThisFrame < FRAME_BUDGET_MS) {
      this.sched.post(() => this.pump());
      return;
    }
    // This frame's share is used up: continue after the next paint.
    this.waitingFrame = true;
    this.sched.raf(() => {
      this.waitingFrame = false;
      this.usedThisFrame = 0;
      this.sched.post(() => this.pump());
    });
  }

  /** One slice of background work; re-posts itself while work remains. */
  private pump(): void {
    this.pumpQueued = false;
    const start = this.sched.now();
    const over = (): boolean => this.sched.now() - start > SLICE_MS;
    const events = this.state.events;
    let changed = false;
    if (this.profileChoice.value.kind === 'auto' && (!this.autoSettled || relearnDue(this.profile.value, this.state))) this.settleAuto();
    if (this.index.next < events.length) {
      this.index.advance(events, over);
      changed = true;
    }
    if (this.filter.scanned < this.index.rowCount && !over()) {
      this.filter.advance(over);
      changed = true;
    }
    if (changed) this.touch();
    let more = this.index.next < events.length || this.filter.scanned < this.index.rowCount;
    if (!over() || !this.job) more = this.stepAnalysis(over) || more;
    else more = true;
    this.usedThisFrame += this.sched.now() - start;
    if (!this.waitingFrame && !this.frameReset) {
      this.frameReset = true;
      this.sched.raf(() => {
        this.frameReset = false;
        this.usedThisFrame = 0;
      });
    }
    if (more) this.schedulePump();
    else this.armTimer();
  }
  private frameReset = false;

  private settleAuto(): void {
    const first = this.state.connOrder.length ? this.state.connections.get(this.state.connOrder[0]!) : undefined;
    if (!first) return;
    const p = resolveProfile(this.profileChoice.value, this.state, this.siteOrigin());
    if (first.frames.length >= 5 || first.status === 'closed' || !this.live.value) this.autoSettled = true;
    if (sameProfile(p, this.profile.value)) this.profile.value = p; // a learned profile saw more: keep the analysis
    else this.applyProfile(p);
  }

  /** Advances or starts the analysis; returns true when it wants another slice soon. */
  private stepAnalysis(over: () => boolean, immediate = !this.live.value): boolean {
    const now = this.sched.now();
    if (!this.job) {
      if (!shouldRun(this.throttle, now, immediate)) return false;
      const opts: AnalyzeOptions = { dropped: this.state.dropped, input: this.source.value.input, redactKeys: this.redactKeys.value };
      if (this.source.value.connEnds) opts.connEnds = this.source.value.connEnds;
      // Open connections run up to "now" while recording live, else to the trace's end.
      const endT = this.live.value && this.recording.value ? this.wallNow() : this.source.value.endT;
      if (endT !== undefined) opts.endT = endT;
      runStarted(this.throttle);
      this.job = startSlicedAnalysis(this.state.events, this.state.events.length, this.profile.value.profile, opts);
      this.jobStart = now;
      this.analysisStatus.value = { ...this.analysisStatus.value, running: true };
    }
    const gen = this.generation;
    const res = this.job.step(over);
    if (!res || gen !== this.generation) return true;
    const covered = this.job.count;
    this.job = undefined;
    const end = this.sched.now();
    runFinished(this.throttle, end, end - this.jobStart);
    batchSignals(() => {
      this.analysis.value = res;
      this.analysisStatus.value = { running: false, covered, lastMs: end - this.jobStart };
      this.refreshEvidence(res);
    });
    return this.throttle.dirty && !this.live.value;
  }

  private armTimer(): void {
    if (!this.throttle.dirty || this.throttle.running) return;
    const at = nextRunAt(this.throttle);
    if (at >= this.timerAt) return;
    this.timerAt = at;
    this.sched.timeout(() => {
      this.timerAt = Infinity;
      this.schedulePump();
    }, Math.max(0, at - this.sched.now()));
  }

  /** Keeps the selected finding's evidence after a re-analysis (matched by key). */
  private refreshEvidence(a: Analysis): void {
    const key = this.selectedFinding.value;
    if (!key) return;
    const f = a.findings.find((x) => findingKey(x) === key);
    this.evidence.value = f ? evidenceEvents(this.state.events, f) : [];
  }

  /**
   * Runs all pending work synchronously (index, filter and, ignoring the throttle, the
   * analysis). For tests, benchmarks and the viewer's "analyse now".
   */
  flush(): void {
    const events = this.state.events;
    if (this.profileChoice.value.kind === 'auto' && (!this.autoSettled || relearnDue(this.profile.value, this.state))) this.settleAuto();
    this.index.advance(events);
    this.filter.advance();
    while (this.throttle.dirty || this.job) this.stepAnalysis(() => false, true);
    this.version.value++;
  }

  /** Selects an event (table row, timeline tick); the header follows its connection. */
  selectEvent(ei: number | undefined): void {
    batchSignals(() => {
      this.selectedEvent.value = ei;
      this.selectedBy.value = 'direct';
      const e = ei === undefined ? undefined : this.state.events[ei];
      if (e && 'conn' in e) this.selectedConn.value = e.conn;
    });
  }

  /** Focuses a connection: header, highlighted lane, and the table shows only it (undefined = all). */
  focusConnection(conn: ConnId | undefined): void {
    batchSignals(() => {
      this.selectedConn.value = conn;
      const spec = this.filterSpec.value;
      if (spec.conn !== conn) this.setFilter({ ...spec, conn });
    });
  }

  /**
   * Selects a finding: highlights its evidence, selects its evidence row in the table (the
   * frame that proves it, evidence.ts) and reveals the evidence on the timeline. Filters that
   * would hide that row are reset.
   */
  selectFinding(f: Finding | undefined): void {
    batchSignals(() => {
      this.notice.value = '';
      if (!f) {
        this.selectedFinding.value = undefined;
        this.evidence.value = [];
        return;
      }
      this.flushIndex();
      this.selectedFinding.value = findingKey(f);
      this.evidence.value = evidenceEvents(this.state.events, f);
      if (f.conn !== undefined) this.selectedConn.value = f.conn;
      const row = primaryEvidenceRow(this.state.events, this.index, f);
      if (row >= 0) {
        if (!this.filter.test(row)) {
          this.setFilter(defaultFilterSpec());
          this.notice.value = 'Filters were reset to show the evidence of the finding.';
        }
        this.selectedEvent.value = this.index.ev.get(row);
        this.selectedBy.value = 'finding';
      }
      const [a, b] = evidenceTimeRange(this.state.events, f);
      this.reveal(a, b);
    });
  }

  /** Zooms the timeline so that the finding's evidence fills about half of it. */
  zoomToFinding(f: Finding): void {
    const [a, b] = evidenceTimeRange(this.state.events, f);
    const span = Math.max(b - a, 20);
    this.zoomRequest.value = { a: a - span / 2, b: b + span / 2, n: ++this.revealN };
  }

  /** Asks the timeline to show exactly [a, b] (ms). */
  readonly zoomRequest = signal<{ a: number; b: number; n: number } | undefined>(undefined);

  /** Makes sure the index and filter cover every event (before resolving a selection). */
  flushIndex(): void {
    if (this.index.next < this.state.events.length) this.index.advance(this.state.events);
    if (this.filter.scanned < this.index.rowCount) this.filter.advance();
  }

  /** Asks the timeline to show [a, b] (ms); the timeline applies it with its limits. */
  readonly revealRequest = signal<{ a: number; b: number; n: number } | undefined>(undefined);
  private revealN = 0;
  reveal(a: number, b: number): void {
    this.revealRequest.value = { a, b, n: ++this.revealN };
  }

  private lastBump = -Infinity;

  /**
   * Schedules a `version` bump on the next animation frame; while live, at most every
   * {@link LIVE_RENDER_INTERVAL_MS} (a stream of 10,000 events/s then costs 20 renders a
   * second, not 60, and frames stay free for scrolling and zooming).
   */
  touch(): void {
    if (this.pending) return;
    this.pending = true;
    const bump = (): void => {
      this.pending = false;
      this.lastBump = this.sched.now();
      this.version.value++;
    };
    const wait = this.live.value ? this.lastBump + LIVE_RENDER_INTERVAL_MS - this.sched.now() : 0;
    if (wait > 1) this.sched.timeout(() => this.sched.raf(bump), wait);
    else this.sched.raf(bump);
  }
}
