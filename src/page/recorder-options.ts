/**
 * Limits of the hook's recorder: ring buffer size, preview caps, flush pacing and the live
 * preview budget (docs/design.md#ring-buffer-and-streaming, docs/design.md#live-preview-budget).
 */
import { DEFAULT_CAPTURE_CONFIG } from '../core/store/capture-config';

/**
 * Recorder limits. Defaults: 50,000 events and 64 MiB of previews in the ring buffer, 64 KiB
 * per frame (docs/design.md#trace-format); live budget 1 MiB/s with a 1 MiB burst.
 */
export interface RecorderOptions {
  /** Ring buffer capacity in events. */
  maxEvents: number;
  /** Ring buffer budget for previews, bytes. */
  maxPreviewBytes: number;
  /** Preview cap per frame: bytes for binary, UTF-16 code units for text. */
  previewCap: number;
  /** Cap of a captured HTTP response body, bytes. */
  bodyCap: number;
  /** Delay between flushes while streaming, ms. */
  flushIntervalMs: number;
  /**
   * Delay between flushes while the page streams fast (the previous flush sent at least
   * `busyBatchEvents` events), ms: fewer, larger flushes cost the page, the browser and the
   * extension less per frame.
   */
  busyFlushIntervalMs: number;
  /** Live events sent by one flush from which the next flush waits `busyFlushIntervalMs`. */
  busyBatchEvents: number;
  /** Most events sent per flush; also the unsent backlog that makes the next flush a queued task instead of a timer. */
  batchMaxEvents: number;
  /** Most preview bytes sent per flush (a flush sends at least one event), so one flush never carries hundreds of MB. */
  batchMaxBytes: number;
  /**
   * About how many characters of text one batch carries (estimated from its previews; a batch
   * holds at least one event); a flush sends as many batches as it needs. Chromium's
   * `JSON.stringify` costs 20–40 × more per character once its output passes about 100,000
   * characters, and the hook's batch text is stringified again by every runtime port it
   * crosses, so batches stay below that (docs/design.md#ring-buffer-and-streaming).
   */
  batchMaxChars: number;
  /** Unsent backlog, events, that makes `record` send a batch synchronously (keeps the ring from overwriting unsent events). */
  syncFlushEvents: number;
  /** Live budget for full previews: refill rate, preview units (chars or bytes) per second. */
  liveBytesPerSec: number;
  /** Live budget for full previews: bucket size, preview units. */
  liveBurstBytes: number;
  /** Preview kept for a frame over the live budget until its fill: UTF-16 units for text, bytes for binary. */
  livePreviewCap: number;
  /**
   * Owed previews sent per flush while the page is quiet, preview units (512 Ki: about
   * 32 MiB/s at one flush per 16 ms; docs/design.md#live-preview-budget).
   */
  fillBytesPerFlush: number;
  /**
   * Memory bound of the owed queue, bytes of preview weight (2 bytes a UTF-16 unit of text;
   * only the newest owed frames share their strings with the ring buffer: in a long burst most
   * of it is the queue's own). Beyond it the oldest owed frames are measured and reported lost,
   * and the panel marks them `previewLost` (docs/design.md#live-preview-budget).
   */
  owedMaxBytes: number;
}

/** Default limits. */
export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  maxEvents: DEFAULT_CAPTURE_CONFIG.maxEvents,
  maxPreviewBytes: DEFAULT_CAPTURE_CONFIG.maxPreviewBytes,
  previewCap: DEFAULT_CAPTURE_CONFIG.previewCap,
  bodyCap: DEFAULT_CAPTURE_CONFIG.bodyCap,
  flushIntervalMs: 16,
  busyFlushIntervalMs: 100,
  busyBatchEvents: 32,
  batchMaxEvents: 2000,
  batchMaxBytes: 4 * 1024 * 1024,
  batchMaxChars: 32 * 1024,
  syncFlushEvents: DEFAULT_CAPTURE_CONFIG.maxEvents / 2,
  liveBytesPerSec: 1024 * 1024,
  liveBurstBytes: 1024 * 1024,
  livePreviewCap: 256,
  fillBytesPerFlush: 512 * 1024,
  owedMaxBytes: 4 * DEFAULT_CAPTURE_CONFIG.maxPreviewBytes,
};

/** Longest wait of the live stream for a socket that is still sending, ms. */
export const MAX_SEND_DEFER_MS = 250;

/** How long owed previews are kept after streaming stopped, ms (a paused panel may export meanwhile). */
export const OWED_KEEP_AFTER_STOP_MS = 60_000;
