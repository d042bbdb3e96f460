/**
 * Display formatting shared by the panel, the viewer and the CLI. Pure; no DOM.
 */

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
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Formats an epoch-ms time as local "HH:MM:SS.mmm"; a time no `Date` can hold shows as "invalid time". */
export function formatClock(t: number): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return 'invalid time';
  const p = (x: number, w = 2): string => String(x).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** Formats a duration in ms: "850 ms", "1.0 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 120000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(a / 60000);
  const s = Math.round((a % 60000) / 1000);
  return `${ms < 0 ? '-' : ''}${m} min ${s} s`;
}

/** Decodes base64 to bytes (at most `max` bytes). Invalid input yields what decodes. */
export function base64ToBytes(b64: string, max = Number.POSITIVE_INFINITY): Uint8Array {
  const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
  const need = Math.min(Math.floor((clean.length * 3) / 4), max);
  const out = new Uint8Array(need);
  const map = (c: number): number => (c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 43 ? 62 : 63);
  let o = 0;
  for (let i = 0; i + 1 < clean.length && o < need; i += 4) {
    const a = map(clean.charCodeAt(i));
    const b = map(clean.charCodeAt(i + 1));
    const c = i + 2 < clean.length ? map(clean.charCodeAt(i + 2)) : 0;
    const d = i + 3 < clean.length ? map(clean.charCodeAt(i + 3)) : 0;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < need) out[o++] = (v >> 16) & 255;
    if (o < need && i + 2 < clean.length) out[o++] = (v >> 8) & 255;
    if (o < need && i + 3 < clean.length) out[o++] = v & 255;
  }
  return out.subarray(0, o);
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
    const bytes = base64ToBytes(data, Math.ceil(maxChars / 3));
    return toHex(bytes);
  }
  const cut = data.length > maxChars ? data.slice(0, maxChars) + '…' : data;
  return cut.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
