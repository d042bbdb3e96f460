/**
 * Detail of one frame: the payload as text (pretty-printed when it is JSON) or as hex for
 * binary, with the true size and a note when the preview was truncated. Text only: payloads
 * never become markup.
 */
import type { WsMessageEvent, WsSendEvent } from '../core/events';
import { base64ToBytes, formatBytes, formatClock, toHex } from '../core/format';

/** Pretty JSON when the text parses (at most 1 MiB of text is tried), else the text itself. */
export function prettyPayload(text: string): string {
  if (text.length > 1024 * 1024) return text;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function FrameDetail({ frame }: { frame: WsSendEvent | WsMessageEvent | undefined }) {
  if (!frame) return <div class="detail empty">Select a frame to see its payload.</div>;
  const binary = frame.encoding === 'base64';
  const body = binary ? toHex(base64ToBytes(frame.data, 64 * 1024)) : prettyPayload(frame.data);
  return (
    <div class="detail" aria-label="Frame detail">
      <div class="detail-head">
        <span>{frame.type === 'ws-send' ? 'Sent' : 'Received'} {binary ? 'binary' : 'text'} frame (opcode {frame.opcode})</span>
        <span>{formatClock(frame.t)}</span>
        <span>{formatBytes(frame.size)}</span>
        {frame.truncated && <span class="warn">preview truncated: {formatBytes(binary ? base64ToBytes(frame.data).length : new TextEncoder().encode(frame.data).length)} of {formatBytes(frame.size)} shown</span>}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(frame.data)}>Copy</button>
      </div>
      <pre class="detail-body">{body}</pre>
    </div>
  );
}
