/**
 * What the panel's Export writes (docs/design.md#trace-header, docs/design.md#har-import-and-export, docs/design.md#redaction): a trace (`.wavetrace.json`, optionally
 * gzip `.wavetrace.json.gz`) or a HAR 1.2 with Chrome's `_webSocketMessages`, redacted by
 * default, named after the site and the time. Pure: bytes in memory, the caller saves them.
 */
import type { TraceEvent } from '../events';
import type { Profile } from '../profile/types';
import { createTrace, redactTrace, serializeTrace } from '../trace';
import { exportHar } from '../har';
import { DEFAULT_REDACT_KEYS } from '../redact';
import { analyze } from '../analysis/analyze';
import type { RecoveryRecord } from '../analysis/recovery-types';
import { getBuiltinProfile } from '../profile/presets/index';
import type { Trace } from '../trace';

/** Export formats. */
export type ExportFormat = 'trace' | 'trace-gz' | 'har';

/** Options of {@link buildExport}. */
export interface ExportOptions {
  format: ExportFormat;
  /** Apply docs/design.md#redaction redaction (default true). */
  redact?: boolean;
  /** Redaction key list (default DEFAULT_REDACT_KEYS). */
  redactKeys?: readonly string[];
  /** URL of the inspected page (`source.page`; its host names the file). */
  page?: string;
  /** `source.browser`, e.g. "Chrome 156". */
  browser?: string;
  /** `source.tool`, e.g. "wavetrace 0.1.0". */
  tool?: string;
  /** Profile name or inline profile in use. */
  profile?: string | Profile;
  /** Events lost to capture caps. */
  dropped?: number;
  /**
   * Indexes into `events` of frames still waiting for their full preview when the file is
   * written (the hook never sent it): written with their short preview, marked `previewLost`
   * (docs/design.md#live-preview-budget). A Blob frame keeps `blobUnread` instead.
   */
  pending?: Iterable<number>;
  /** When the capture ended and the file is written (default now). */
  now?: Date;
}

/** A file ready to save. */
export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** The secret-bearing names redaction covers, for the export dialog to show. */
export function redactionSummary(keys: readonly string[] = DEFAULT_REDACT_KEYS): string {
  return `URL query parameters and JSON keys named ${keys.join(', ')} (case-insensitive) become REDACTED~xxxx (first 4 hex digits of their SHA-256), in URLs, frame payloads and sync response bodies`;
}

/**
 * File name with the site and the time: `wavetrace-<host>-<YYYYMMDD-HHMMSS>.<ext>`, where ext is
 * `wavetrace.json`, `wavetrace.json.gz` or `har`. Local time of `now`.
 */
export function exportFileName(page: string | undefined, format: ExportFormat, now: Date = new Date()): string {
  let host = 'capture';
  try {
    if (page) host = new URL(page).host.replace(/[^a-zA-Z0-9.-]+/g, '_') || 'capture';
  } catch {
    host = 'capture';
  }
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const ext = format === 'har' ? 'har' : format === 'trace-gz' ? 'wavetrace.json.gz' : 'wavetrace.json';
  return `wavetrace-${host}-${stamp}.${ext}`;
}

/** Builds the export file from the capture's events (in seq order). Never mutates `events`. */
export function buildExport(events: readonly TraceEvent[], o: ExportOptions): ExportFile {
  const now = o.now ?? new Date();
  const keys = o.redactKeys ?? DEFAULT_REDACT_KEYS;
  let trace = createTrace(settleUnmeasured(events, o.pending), {
    createdAt: now,
    endedAt: now,
    source: { tool: o.tool ?? 'wavetrace', browser: o.browser ?? '', page: o.page ?? '' },
    redacted: false,
    profile: o.profile ?? 'auto',
    ...(o.dropped !== undefined ? { dropped: o.dropped } : {}),
  });
  if (o.redact !== false) trace = redactTrace(trace, keys);
  const fileName = exportFileName(o.page, o.format, now);
  if (o.format === 'har') {
    const recoveries = recoveriesOf(trace, o.profile);
    return { fileName, mime: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(exportHar(trace, recoveries ? { recoveries } : {}), null, 1)) };
  }
  if (o.format === 'trace-gz') return { fileName, mime: 'application/gzip', bytes: serializeTrace(trace, { gzip: true }) };
  return { fileName, mime: 'application/json', bytes: new TextEncoder().encode(serializeTrace(trace)) };
}

/**
 * The recovery records of a (redacted) trace that holds `fault` events, for the HAR's
 * `log._wavetrace.recoveries` (docs/design.md#recovery-records): analysed with the inline
 * profile or the built-in one named; undefined without faults or a usable profile (`auto`).
 */
export function recoveriesOf(trace: Trace, profile: string | Profile | undefined): RecoveryRecord[] | undefined {
  if (!trace.events.some((e) => e.type === 'fault')) return undefined;
  const p = typeof profile === 'object' ? profile : profile !== undefined ? getBuiltinProfile(profile) : undefined;
  if (!p) return undefined;
  return analyze(trace.events, p, { endT: Date.parse(trace.endedAt ?? trace.createdAt) || undefined, dropped: trace.dropped }).recoveries;
}

/**
 * A live frame whose UTF-8 size the hook had not measured yet (`size` -1: it came with a
 * short live preview and its fill never arrived, e.g. the tab closed) is written with the
 * size of the preview it has, as a lower bound, and marked truncated: the trace format needs
 * a size, and this one says no more than is known. The frames at the indexes in `pending`
 * (still waiting for their full preview) are marked `previewLost` and truncated, except a Blob
 * frame, which says `blobUnread`. Returns `events` itself when nothing changes.
 */
export function settleUnmeasured(events: readonly TraceEvent[], pending: Iterable<number> = []): readonly TraceEvent[] {
  let out: TraceEvent[] | undefined;
  for (const i of pending) {
    const e = events[i];
    if (!e || (e.type !== 'ws-send' && e.type !== 'ws-message') || e.blobUnread || e.previewLost) continue;
    out ??= events.slice();
    out[i] = { ...e, truncated: true, previewLost: true };
  }
  const src = out ?? events;
  for (let i = 0; i < src.length; i++) {
    const e = src[i] as TraceEvent;
    if ((e.type !== 'ws-send' && e.type !== 'ws-message') || e.size >= 0) continue;
    out ??= events.slice();
    const kept = e.encoding === 'base64' ? Math.floor((e.data.replace(/=+$/, '').length * 3) / 4) : new TextEncoder().encode(e.data).length;
    out[i] = { ...e, size: kept, truncated: true };
  }
  return out ?? events;
}

/**
 * The page a capture belongs to, when no header says it: the last top-level navigation's URL,
 * else the first socket's frame URL, else "".
 */
export function inferPage(events: readonly TraceEvent[]): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as TraceEvent;
    if (e.type === 'page-navigation') return e.url;
  }
  for (const e of events) if (e.type === 'ws-create') return e.frameUrl;
  return '';
}
