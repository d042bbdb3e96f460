/**
 * Display formatting shared by the panel, the viewer, the CLI and the analysis's finding
 * messages. Pure; no DOM.
 */
import { base64Prefix } from './har/base64';
import { formatCount } from './view/count-format';

/** Formats a byte count: "512 B", "1.5 KiB", "50.0 MiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/**
 * A frame's `size` for display: {@link formatBytes}, or "measuring…" for -1 (a live frame
 * whose UTF-8 size the hook measures later, see page/recorder.ts).
 */
export function formatFrameSize(size: number): string {
  return size < 0 ? 'measuring…' : formatBytes(size);
}

/** "1 frame", "2 frames", "1,234 frames": a count with its noun (English `s` plural). */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Formats an epoch-ms time as local "HH:MM:SS.mmm"; a time no `Date` can hold shows as "invalid time". */
export function formatClock(t: number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  const p = (x: number, w = 2): string => String(x).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/**
 * Formats a duration given in milliseconds: below 1 s as whole milliseconds ("850 ms"), below
 * 2 min as seconds with one decimal ("1.0 s", "62.5 s"), else minutes and whole seconds
 * ("2 min 5 s"). Negative durations keep their sign; NaN and ±Infinity print as such. The one
 * duration format of findings, the CLI, the timeline and the detail view.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 120000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(a / 60000);
  const s = Math.round((a % 60000) / 1000);
  return `${ms < 0 ? '-' : ''}${m} min ${s} s`;
}

/** Hex of bytes, space-separated pairs: "c0 00 1f". */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + (bytes[i] as number).toString(16).padStart(2, '0');
  return s;
}

/**
 * One-line preview of a frame payload for tables: text with control characters shown as
 * spaces, cut at `maxChars`; binary as hex of its first bytes.
 */
export function previewPayload(data: string, encoding: 'text' | 'base64', maxChars = 200): string {
  if (encoding === 'base64') {
    const bytes = base64Prefix(data, Math.ceil(maxChars / 3));
    return toHex(bytes);
  }
  const cut = data.length > maxChars ? data.slice(0, maxChars) + '…' : data;
  return cut.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
