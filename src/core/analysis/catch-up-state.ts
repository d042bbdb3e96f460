/**
 * Catch-up state of the analysis pass (docs/design.md#positions-and-resumes, docs/design.md#catch-up-rules):
 * syncs, the sync windows that collect them, resumes, and position gaps waiting for a sync to
 * fill them. Internal to `core/analysis`. Times in ms since the epoch.
 */
import type { ConnState } from './connection-state';
import type { At, ResumeInfo, SyncInfo } from './types';

/** One sync (HTTP request or in-band frame) and its index in `Analysis.syncs`. */
export interface SyncState {
  readonly info: SyncInfo;
  readonly index: number;
}

/**
 * A sync window (docs/design.md#analysis "Resume"): opens at a close, a navigation or a HAR resume's
 * create; collects every sync started while it is open; belongs to at most one resume.
 */
export class SyncWindow {
  readonly open: At & { by: 'close' | 'navigation' | 'create' };
  /** Last position when the window opened. */
  readonly lastPosition: number | undefined;
  readonly syncs: SyncState[];
  resume: ResumeState | undefined;
  /**
   * The position the next sync of this window is judged against (docs/design.md#catch-up-rules):
   * the last position when the window opened, raised by earlier pages of the catch-up, reset
   * to 0 by a new epoch; `refNote` says why it differs from `lastPosition`.
   */
  ref: number | undefined;
  refNote: string | undefined;
  /** What each sync of the window was judged against when it started. */
  readonly refs: Map<SyncState, SyncRef>;
  /** With opaque positions: the last cursor received when the window opened. */
  lastToken: string | undefined = undefined;

  constructor(open: At & { by: 'close' | 'navigation' | 'create' }, lastPosition: number | undefined, syncs: SyncState[] = [], refs = new Map<SyncState, SyncRef>()) {
    this.open = open;
    this.lastPosition = lastPosition;
    this.syncs = syncs;
    this.ref = lastPosition;
    this.refs = refs;
  }

  /** A copy collecting on from here (the navigation window handed to each session's first connection). */
  fork(): SyncWindow {
    const w = new SyncWindow(this.open, this.lastPosition, this.syncs.slice(), new Map(this.refs));
    w.ref = this.ref;
    w.refNote = this.refNote;
    w.lastToken = this.lastToken;
    return w;
  }
}

/** The position a sync was judged against and, when it is not the window's opening one, why. */
export interface SyncRef {
  ref: number | undefined;
  note?: string;
}

/** A resume and its window. */
export interface ResumeState {
  readonly info: ResumeInfo;
  readonly index: number;
  readonly conn: ConnState;
  readonly window: SyncWindow;
  /** Delay since the previous close (ms), for messages. */
  readonly delayMs: number | undefined;
  /** Label of what ended the previous connection ("1006", "page navigation", …), for messages. */
  readonly after: string;
  /** The server started a new position sequence (`positionReset`) before any data: a fresh start, not a resume of the old stream. */
  fresh: boolean;
}

/** A contiguous-position gap waiting to be filled by a sync (docs/design.md#analysis `position-gap`). */
export interface PendingGap {
  from: number;
  to: number;
  seq: number;
  t: number;
  conn: ConnState;
  prevSeq: number;
  /** Positions inside the gap delivered since, in-band (a replay after the live jump). */
  filled: number;
}
