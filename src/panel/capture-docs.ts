/**
 * The panel's captures as documents (docs/design.md#clear-import-and-resume): the live capture,
 * or one imported trace or HAR, never a mix. Clear and an import replace the document shown and
 * offer Undo in the store's toast; Resume after an import asks first, then starts a fresh live
 * capture from the hooks' marks as of now. The marks (highest hook-local seq held per source)
 * belong to the hooks' stream, not to a document: every document put in place keeps the current
 * ones, so nothing cleared or already shown is ever re-sent.
 */
import { batch as batchSignals, type Signal } from '@preact/signals';
import { createCaptureState, type CaptureState } from '../core/store/capture-state';
import { clearCapture, undoClear, type ClearedCapture } from '../core/store/clear-capture';
import type { ConnId } from '../core/events';
import { AUTO_CHOICE, type ProfileChoice } from '../core/view/profile-choice';
import type { CaptureSource } from './trace-load';
import type { PanelToastSpec } from './panel-toast';

/** What the documents read from, and change in, the store. */
export interface CaptureDocsHost {
  readonly state: CaptureState;
  readonly source: Signal<CaptureSource>;
  readonly live: Signal<boolean>;
  readonly profileChoice: Signal<ProfileChoice>;
  readonly traceChoice: Signal<ProfileChoice>;
  readonly selectedEvent: Signal<number | undefined>;
  readonly selectedConn: Signal<ConnId | undefined>;
  readonly toast: Signal<PanelToastSpec | undefined>;
  flushIndex(): void;
  selectEvent(ei: number | undefined): void;
  focusConnection(conn: ConnId | undefined): void;
  touch(): void;
}

/** A capture as a document with its header facts and selection: what Undo puts back. */
interface CaptureDoc {
  state: CaptureState;
  source: CaptureSource;
  live: boolean;
  profileChoice: ProfileChoice;
  traceChoice: ProfileChoice;
  selectedEvent: number | undefined;
  selectedConn: ConnId | undefined;
}

const LIVE_SOURCE: CaptureSource = { page: '', dropped: 0, input: 'trace' };

/** Clear, import, Undo and Resume over a store (see the module comment). */
export class CaptureDocs {
  /** The live capture an import replaced (Resume starts the next live capture from its open sockets). */
  private liveDoc: CaptureDoc | undefined;

  /** @param replace puts a capture state in place (selection reset, views and analysis rebuilt) */
  constructor(
    private readonly host: CaptureDocsHost,
    private readonly replace: (fresh: CaptureState) => void,
  ) {}

  /** Clears (core/store/clear-capture.ts); `after` runs once the fresh capture is in place; the toast offers Undo. */
  clear(after: () => void): void {
    const h = this.host;
    const doc = this.snapshot();
    const cleared = clearCapture(h.state);
    this.replace(cleared.state);
    after();
    const n = doc.state.events.length - cleared.kept;
    h.toast.value = { text: `Cleared ${n.toLocaleString('en-US')} event${n === 1 ? '' : 's'}`, actions: [{ label: 'Undo', run: () => this.undoClear(doc, cleared) }] };
    h.touch();
  }

  private undoClear(doc: CaptureDoc, cleared: ClearedCapture): void {
    // Only over the capture the Clear started (an import or a navigation since replaced it: nothing to put back into).
    if (this.host.state !== cleared.state) return;
    this.restore({ ...doc, state: undoClear(doc.state, cleared) });
  }

  /** Runs `load` (the import) and, when it replaced a capture with events, offers Undo naming file `name`. */
  importCapture(load: () => void, name: string): void {
    const prev = this.snapshot();
    if (prev.live) this.liveDoc = prev;
    load();
    if (prev.state.events.length === 0) return;
    this.host.toast.value = {
      text: `${name} replaced the ${prev.live ? 'live capture (recording paused)' : 'capture shown'}`,
      actions: [{ label: 'Undo', run: () => this.restore(prev) }],
    };
  }

  /**
   * A fresh live capture after an import: from the hooks' marks as of now, with the open sockets'
   * create and open of the live capture the import replaced, its profile choice and live header
   * facts (no HAR rules, no trace end). Drops the imported capture.
   */
  startLive(): void {
    const h = this.host;
    const prev = this.liveDoc;
    this.liveDoc = undefined;
    const fresh = prev ? clearCapture(prev.state).state : createCaptureState();
    fresh.marks = h.state.marks;
    batchSignals(() => {
      h.live.value = true;
      h.source.value = LIVE_SOURCE;
      h.profileChoice.value = prev?.profileChoice ?? AUTO_CHOICE;
      h.traceChoice.value = AUTO_CHOICE;
      this.replace(fresh);
    });
    h.touch();
  }

  /** Asks before {@link CaptureDocs.startLive} and `resume` when a loaded capture is shown (see PanelStore.askToResume). */
  askToResume(resume: () => void): boolean {
    const h = this.host;
    if (h.live.value) return false;
    h.toast.value = {
      text: 'Resume recording? The imported capture is closed (export it first to keep it) and a new live capture starts from now.',
      actions: [
        {
          label: 'Resume recording',
          run: () => {
            this.startLive();
            resume();
          },
        },
        { label: 'Cancel', run: () => undefined },
      ],
      ask: true,
    };
    return true;
  }

  private snapshot(): CaptureDoc {
    const h = this.host;
    return { state: h.state, source: h.source.value, live: h.live.value, profileChoice: h.profileChoice.value, traceChoice: h.traceChoice.value, selectedEvent: h.selectedEvent.value, selectedConn: h.selectedConn.value };
  }

  /** Puts a document back (Undo) with its selection; the marks stay the current ones (the hooks' stream went on). */
  private restore(doc: CaptureDoc): void {
    const h = this.host;
    if (this.liveDoc === doc) this.liveDoc = undefined;
    doc.state.marks = h.state.marks;
    batchSignals(() => {
      h.live.value = doc.live;
      h.source.value = doc.source;
      h.profileChoice.value = doc.profileChoice;
      h.traceChoice.value = doc.traceChoice;
      this.replace(doc.state);
    });
    h.flushIndex();
    if (doc.selectedEvent !== undefined) h.selectEvent(doc.selectedEvent);
    else if (doc.selectedConn !== undefined) h.focusConnection(doc.selectedConn);
    h.touch();
  }
}
