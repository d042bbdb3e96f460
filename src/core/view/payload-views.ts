/**
 * Views of a frame payload for the detail pane: JSON parsing (bounded), a hex dump with
 * offsets and ASCII, UTF-8 decoding of binary, and the truncation note (true size vs the
 * preview kept, docs/design.md#previews-and-binary-data: `size` is always the true size). Pure; results are plain text.
 */
import { formatBytes } from '../format';
import { base64Prefix } from '../har/base64';

/** Largest text tried as JSON, UTF-16 code units (the preview cap is 64 KiB by default). */
export const MAX_JSON_TEXT = 4 * 1024 * 1024;

/** The parsed JSON value when `text` is a JSON object or array, else undefined. */
export function parseJsonPayload(text: string): { value: unknown } | undefined {
  if (text.length > MAX_JSON_TEXT) return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * Hex dump, 16 bytes per line: `00000000  de ad be ef …  |....|` (offset, bytes, printable
 * ASCII with dots). At most `maxBytes` bytes; a last line says how many were left out.
 */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const n = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const k = off + i;
      if (k < n) {
        const b = bytes[k]!;
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += '   ';
      if (i === 7) hex += ' ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
  return lines.join('\n');
}

/** Bytes of a frame's preview: UTF-8 of text, decoded base64 of binary. */
export function previewBytes(data: string, encoding: 'text' | 'base64'): Uint8Array {
  return encoding === 'base64' ? base64Prefix(data) : new TextEncoder().encode(data);
}

/** UTF-8 decoding of binary bytes (invalid sequences become U+FFFD). */
export function utf8Text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/**
 * "Preview truncated: 64.0 KiB of 1.2 MiB shown" when the preview holds less than the true
 * size; "" otherwise. `size` is the frame's true size in bytes.
 */
export function truncationNote(data: string, encoding: 'text' | 'base64', size: number, truncated: boolean): string {
  if (!truncated) return '';
  const kept = encoding === 'base64' ? base64Prefix(data).length : new TextEncoder().encode(data).length;
  return `Preview truncated: ${formatBytes(kept)} of ${formatBytes(size)} shown`;
}

/**
 * The detail pane's note for a frame whose full preview was lost in capture (`previewLost`,
 * docs/design.md#live-preview-budget), distinct from a preview cut by the preview cap: "Full
 * preview not kept: 256 B of 64.0 KiB shown. …", saying why and what to change. `size` is the
 * frame's true size in bytes (−1: unknown).
 */
export function lostPreviewNote(data: string, encoding: 'text' | 'base64', size: number): string {
  const kept = encoding === 'base64' ? base64Prefix(data).length : new TextEncoder().encode(data).length;
  const of = size >= 0 ? ` of ${formatBytes(size)}` : '';
  return (
    `Full preview not kept: ${formatBytes(kept)}${of} shown. The page received large frames faster than the panel took their full previews, ` +
    'and the page hook keeps at most 4 × its preview buffer (256 MiB by default) of them waiting, so the oldest were let go. ' +
    'The preview cap was not the cause; a lower preview cap in Settings makes each waiting preview smaller, so a burst keeps more of them.'
  );
}

/**
 * At most this many characters of a payload go into the page (256 Ki): a 50 MB text frame as
 * one text node freezes the page for a minute. The rest stays reachable by Copy and Save.
 */
export const SHOWN_TEXT_CAP = 256 * 1024;
/** Text payloads above this many characters (1 Mi) get no JSON tree: parsing and building it would stall the page. */
export const TREE_TEXT_CAP = 1024 * 1024;

/** The shown part of `text`: the whole of it up to `cap` characters, else its first `cap` (not splitting a surrogate pair; docs/design.md#previews-and-binary-data). */
export function shownPart(text: string, cap = SHOWN_TEXT_CAP): { text: string; cut: boolean } {
  if (text.length <= cap) return { text, cut: false };
  let end = cap;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end), cut: true };
}
