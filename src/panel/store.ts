/**
 * The panel store: a {@link CaptureState} (live batches, or a whole loaded trace) plus what the
 * views derive from it, composed of small signal modules:
 * - the row index (frames, lifecycle events and sync requests, classified under the profile in
 *   use) and the filtered rows of the table, both built incrementally in slices between frames
 *   (frame-budget.ts), so ingest never waits and 1,000,000 events never block;
 * - the analysis (analysis-runner.ts), in slices off the render path, throttled while live;
 * - the selection and the view requests (selection.ts), shared by timeline, table, findings
 *   list and detail;
 * - full previews still owed (preview-fills.ts), and the auto profile (auto-profile.ts).
 * Views re-render at most once per animation frame via `version` (render-clock.ts).
 */
import { batch as batchSignals, signal } from '@preact/signals';
import { createCaptureState, type CaptureState } from '../core/store/capture-state';
import { ingestBatch } from '../core/store/ingest';
import { restartAtNavigation } from '../core/store/restart-at-navigation';
import type { EventBatch } from '../core/bridge/messages';
import type { FaultCommand } from '../core/fault/fault-command';
import type { ConnId, TraceEvent } from '../core/events';
import type { Finding } from '../core/analysis/types';
import { DEFAULT_REDACT_KEYS, redactKeySet } from '../core/redact';
import type { RowIndex } from '../core/view/row-index';
import { defaultFilterSpec, type RowFilter, type RowFilterSpec } from '../core/view/row-filter';
import type { RowTextContext } from '../core/view/row-text';
import { RowViews } from './row-views';
import { AUTO_CHOICE, resolveProfile, siteOrigin, toProfileChoice, type ProfileChoice, type ResolvedProfile } from '../core/view/profile-choice';
import { AutoProfile } from './auto-profile';
import type { Profile } from '../core/profile/types';
import { browserScheduler, type PanelScheduler } from './scheduler';
import { createSelection, flashNotice, focusConnection, keepEvidence, rangeRequest, resetSelection, selectEvent, selectFinding, zoomToFinding, type Selection } from './selection';
import { loadedCapture, type CaptureSource, type LoadOptions } from './trace-load';
import { FrameBudget } from './frame-budget';
import { createRenderClock } from './render-clock';
import { AnalysisRunner, analysisInputOf, type AnalysisInput } from './analysis-runner';
import { completePreviews, isPreviewPending } from './preview-fills';
import { createStreamPace, isBusy, noteBusy, notePace } from '../core/view/stream-pace';
import type { PanelToastSpec } from './panel-toast';
import { CaptureDocs } from './capture-docs';

export { SLICE_MS, FRAME_BUDGET_MS } from './frame-budget';
export { LIVE_RENDER_INTERVAL_MS } from './render-clock';
export type { AnalysisStatus } from './analysis-runner';
export type { LoadOptions } from './trace-load';

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
  /** Names redacted in URLs the panel shows (docs/design.md#redaction). */
  readonly redactKeys = signal<string[]>([...DEFAULT_REDACT_KEYS]);
  /** Loaded trace: header facts. */
  readonly source = signal<CaptureSource>({ page: '', dropped: 0, input: 'trace' });

  readonly profileChoice = signal<ProfileChoice>(AUTO_CHOICE);
  /** The loaded trace's own profile choice (auto for a live capture): the menu offers it back. */
  readonly traceChoice = signal<ProfileChoice>(AUTO_CHOICE);
  readonly profile = signal<ResolvedProfile>(resolveProfile(AUTO_CHOICE, this.state));
  readonly filterSpec = signal<RowFilterSpec>(defaultFilterSpec());
  private readonly rows = new RowViews(this.profile.value.profile, this.filterSpec.value, () => this.textContext());
  /** The row index (replaced when the profile or the capture changes). */
  get index(): RowIndex {
    return this.rows.index;
  }
  /** The table's filtered rows. */
  get filter(): RowFilter {
    return this.rows.filter;
  }

  private readonly sel: Selection = createSelection();
  readonly selectedEvent = this.sel.selectedEvent;
  readonly selectedConn = this.sel.selectedConn;
  readonly selectedFinding = this.sel.selectedFinding;
  readonly evidence = this.sel.evidence;
  readonly viewport = this.sel.viewport;
  readonly follow = this.sel.follow;
  readonly selectedBy = this.sel.selectedBy;
  readonly notice = this.sel.notice;
  /** Shows `text` as the notice for `ms` (selection.ts `flashNotice`); errors are set on `notice` and stay. */
  flashNotice(text: string, ms?: number): void {
    flashNotice(this.sel, this.sched, text, ms);
  }
  /** Asks the timeline to show exactly [a, b] (ms). */
  readonly zoomRequest = this.sel.zoomRequest;
  /** Asks the timeline to show [a, b] (ms); the timeline applies it with its limits. */
  readonly revealRequest = this.sel.revealRequest;
  /** The toast over the workspace: Undo after Clear or an import, or a question asked first (panel-toast.tsx). */
  readonly toast = signal<PanelToastSpec | undefined>(undefined);
  /** Bumped when fill batches complete frames (full previews, measured sizes): the detail pane and export dialog follow it. */
  readonly fills = signal(0);

  private readonly runner: AnalysisRunner;
  readonly analysis: AnalysisRunner['analysis'];
  readonly analysisStatus: AnalysisRunner['status'];
  private readonly work: FrameBudget;
  /** Schedules a `version` bump (render-clock.ts). */
  readonly touch: () => void;
  private readonly auto = new AutoProfile(this);
  private readonly docs = new CaptureDocs(this, (fresh) => this.replaceState(fresh));
  private readonly pace = createStreamPace();
  /** True while live events arrive fast (core/view/stream-pace.ts): renders and analysis step back. */
  readonly streamBusy = (): boolean => this.live.value && isBusy(this.pace, this.sched.now());

  /** @param sched scheduling (default: the browser's) @param wallNow wall clock, ms since the epoch, for "now" while live */
  constructor(
    private readonly sched: PanelScheduler = browserScheduler(),
    private readonly wallNow: () => number = () => Date.now(),
  ) {
    // Each run covers every event now; open connections run up to "now" while recording live.
    const input = (): AnalysisInput => analysisInputOf(this.state, this.source.value, this.profile.value.profile, this.redactKeys.value, this.live.value && this.recording.value ? this.wallNow() : undefined);
    this.runner = new AnalysisRunner(sched, input, (a) => keepEvidence(this.sel, this.state.events, a), this.streamBusy);
    this.analysis = this.runner.analysis;
    this.analysisStatus = this.runner.status;
    this.work = new FrameBudget(sched, (over) => this.slice(over), () => this.runner.armTimer(() => this.schedulePump()), this.streamBusy);
    this.touch = createRenderClock(sched, this.version, () => this.live.value, this.streamBusy);
  }

  /** Set by the panel entry: asks the inspected tab's hooks for every full preview still owed. */
  requestFills: (() => void) | undefined;
  /** Set by the panel entry: true while a hook asked by `requestFills` has not sent all it held. */
  hooksBehind: (() => boolean) | undefined;
  /** Set by the panel entry: sends a fault command to the inspected tab's hooks (docs/design.md#fault-commands). */
  requestFault: ((command: FaultCommand) => void) | undefined;

  /** True while the frame at event index `ei` waits for its full preview (a fill batch). */
  readonly isPreviewPending = (ei: number): boolean => isPreviewPending(this.state, ei);
  /** Before an export: fetches every held event and owed full preview; resolves with the number of previews still pending after `timeoutMs`. */
  readonly completePreviews = (timeoutMs = 10000): Promise<number> => completePreviews(() => this.state, this.sched, this.requestFills, timeoutMs, () => this.hooksBehind?.() === true);

  /** Context for row text (table cells, search). */
  textContext(): RowTextContext {
    return { events: this.state.events, index: this.index, state: this.state, profile: this.profile.value.profile, redactKeys: redactKeySet(this.redactKeys.value) };
  }

  /** Origin of the inspected site (per-site profile key). */
  siteOrigin(): string {
    return siteOrigin(this.state.events, this.source.value.page);
  }

  /**
   * Ingests a live batch (dedupe by hook-local seq) and schedules derived work and a re-render.
   * Frames a fill completed are re-classified in place (the index rebuilt when a kind
   * changed), the search re-run, the analysis due. With a loaded capture shown a live batch
   * (one still in flight when recording paused) is left out, marks unmoved: the hooks send it
   * again to the next live capture (docs/design.md#clear-import-and-resume).
   */
  ingest(batch: EventBatch): void {
    if (!this.live.value && !batch.fill) return;
    const before = this.state.events.length;
    const r = ingestBatch(this.state, batch);
    if (r.filled.length > 0 && !this.rows.refreshFilled(this.state.events, r.filled, this.filterSpec.value)) this.rebuildDerived();
    if (batch.fill) this.fills.value++;
    if (r.added === 0 && r.filled.length === 0) {
      if (batch.lost) this.touch();
      return;
    }
    if (r.added > 0) notePace(this.pace, r.added, this.sched.now());
    if (batch.busy) noteBusy(this.pace, this.sched.now());
    if (r.added > 0 && !this.preserveLog.value && batch.top) {
      const fresh = restartAtNavigation(this.state, before);
      if (fresh) this.replaceState(fresh);
    }
    this.runner.markDirty();
    this.schedulePump();
    this.touch();
  }

  /**
   * Drops the events and the selection, keeping the marks, the open sockets' create and open, and a
   * learned auto profile until the events since teach as much; the toast offers Undo
   * (docs/design.md#clear-import-and-resume, capture-docs.ts).
   */
  clear(): void {
    this.docs.clear(this.auto.keepThroughClear());
  }

  /** Loads a trace or HAR (file `name`) as a document of its own, replacing the capture shown with Undo (docs/design.md#clear-import-and-resume). */
  importCapture(events: readonly TraceEvent[], opts: LoadOptions, name: string): void {
    this.docs.importCapture(() => this.load(events, opts), name);
  }

  /**
   * Resume with a loaded (imported) capture shown asks first in the toast, then drops it for a fresh
   * live capture from the hooks' marks as of now and runs `resume` (docs/design.md#clear-import-and-resume,
   * capture-docs.ts). Returns true when it asked, false for a live capture (`resume` may run at once).
   */
  askToResume(resume: () => void): boolean {
    return this.docs.askToResume(resume);
  }

  /** Replaces the capture with a whole trace (viewer, import); the analysis starts at once, in slices. The hooks' marks are kept. */
  load(events: readonly TraceEvent[], opts: LoadOptions = {}): void {
    const { state, source } = loadedCapture(events, opts);
    state.marks = this.state.marks;
    batchSignals(() => {
      this.live.value = false;
      this.source.value = source;
      this.profileChoice.value = toProfileChoice(opts.profile, 'trace');
      this.traceChoice.value = this.profileChoice.value;
      this.replaceState(state);
    });
    this.touch();
  }

  /** Uses another profile (auto, a built-in name, or inline): rebuilds the index and re-runs the analysis. */
  setProfileChoice(choice: ProfileChoice): void {
    this.profileChoice.value = choice;
    this.auto.reset();
    this.applyProfile(resolveProfile(choice, this.state, this.siteOrigin()));
  }

  /** Resolves the auto profile now when due (auto-profile.ts `update`), so a reader of whether it settled (the resilience check's wait) never sees the default one. */
  updateAutoProfile(): void {
    this.auto.update(false);
  }

  /** Learns a learned auto profile once more from the whole capture (auto-profile.ts `learnWhole`); else nothing. */
  learnAutoWhole(): void {
    this.auto.learnWhole();
  }

  /** The profile an export writes into the trace header (auto-profile.ts `forExport`: a learned one learned once more from the whole capture). */
  profileForExport(): string | Profile {
    return this.auto.forExport();
  }

  /** Uses the resolved profile `p`: when it is another profile, rows are rebuilt and the analysis re-run. */
  applyProfile(p: ResolvedProfile): void {
    const same = p.profile === this.profile.value.profile;
    this.profile.value = p;
    if (same) return;
    this.rebuildDerived();
  }

  /** Sets the table filter (rows are re-filtered in slices). */
  setFilter(spec: RowFilterSpec): void {
    this.filterSpec.value = spec;
    this.rows.refilter(spec);
    this.schedulePump();
    this.touch();
  }

  /** Sets the redaction keys (URLs shown, credentials compared by the analysis). */
  setRedactKeys(keys: string[]): void {
    this.redactKeys.value = [...keys];
    this.rows.refilter(this.filterSpec.value);
    this.runner.markDirty();
    this.schedulePump(true);
    this.touch();
  }

  private replaceState(fresh: CaptureState): void {
    this.state = fresh;
    this.auto.reset();
    batchSignals(() => {
      resetSelection(this.sel);
      this.runner.clearResult();
      this.profile.value = resolveProfile(this.profileChoice.value, fresh, this.siteOrigin());
    });
    this.rebuildDerived();
  }

  private rebuildDerived(): void {
    this.rows.rebuild(this.profile.value.profile, this.filterSpec.value);
    this.runner.restart();
    this.schedulePump(true);
  }

  /** Re-runs the analysis now (e.g. after settings changed). */
  reanalyze(): void {
    this.runner.markDirty();
    this.schedulePump(true);
  }

  /** Runs the slices again after `ms` ms (auto-profile.ts: a due relearn waiting for quiet). */
  recheckAfter(ms: number): void {
    this.sched.timeout(() => this.schedulePump(), ms);
  }

  private schedulePump(immediate = false): void {
    if (immediate) this.runner.skipPause();
    this.work.schedule();
  }

  /** One slice of background work: index, filter, then the analysis; true while work remains. */
  private slice(over: () => boolean): boolean {
    const events = this.state.events;
    this.auto.update(this.streamBusy(), this.live.value ? this.sched.now() : undefined);
    if (this.rows.advance(events, over)) this.touch();
    const more = this.rows.behind(events);
    if (over() && this.runner.busy) return true;
    return this.runner.step(over, !this.live.value) || more;
  }

  /**
   * Re-runs the analysis now even when no event arrived since the last run: a live capture's
   * end moves with the clock, and time-bound rules (no-reconnect, recovery steps that were
   * waiting for the trace to go on) need that end.
   */
  analyseNow(): void {
    this.runner.restart();
    this.flush();
  }

  /** Runs all pending work now (index, filter, analysis ignoring the throttle): tests, benchmarks, "analyse now". */
  flush(): void {
    this.auto.update(false);
    this.rows.index.advance(this.state.events);
    this.rows.filter.advance();
    this.runner.runNow();
    this.version.value++;
  }

  /** Selects an event (table row, timeline tick); the header follows its connection. */
  selectEvent(ei: number | undefined): void {
    batchSignals(() => selectEvent(this.sel, this, ei));
  }

  /** Focuses a connection: header, highlighted lane, and the table shows only it (undefined = all). */
  focusConnection(conn: ConnId | undefined): void {
    batchSignals(() => focusConnection(this.sel, this, conn));
  }

  /** Selects a finding: its evidence, its evidence row (filters reset when they hide it), revealed on the timeline. */
  selectFinding(f: Finding | undefined): void {
    batchSignals(() => selectFinding(this.sel, this, f));
  }

  /** Zooms the timeline so that the finding's evidence fills about half of it. */
  zoomToFinding(f: Finding): void {
    zoomToFinding(this.sel, this.state.events, f);
  }

  /** Makes sure the index and filter cover every event (before resolving a selection). */
  flushIndex(): void {
    this.rows.catchUp(this.state.events);
  }

  /** Asks the timeline to show [a, b] (ms); the timeline applies it with its limits. */
  reveal(a: number, b: number): void {
    this.revealRequest.value = rangeRequest(a, b);
  }
}
