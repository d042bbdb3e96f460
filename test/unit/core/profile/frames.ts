/**
 * Test helpers: frame events shaped like the event model (src/core/events.ts).
 */
import type { WsMessageEvent, WsSendEvent } from '../../../../src/core/events';
import type { FrameLike } from '../../../../src/core/profile/frame-view';

let seq = 0;

function bytesToBase64(bytes: number[]): string {
  return Buffer.from(bytes).toString('base64');
}

/** Inbound text frame (`ws-message`, server → client). */
export function inText(data: string, conn: string | number = 'c1', truncated = false): WsMessageEvent {
  return { type: 'ws-message', seq: ++seq, t: 1_700_000_000_000 + seq, conn, opcode: 1, size: Buffer.byteLength(data), data, encoding: 'text', truncated };
}

/** Outbound text frame (`ws-send`, client → server). */
export function outText(data: string, conn: string | number = 'c1'): WsSendEvent {
  return { type: 'ws-send', seq: ++seq, t: 1_700_000_000_000 + seq, conn, opcode: 1, size: Buffer.byteLength(data), data, encoding: 'text', truncated: false, readyState: 1 };
}

/** Inbound binary frame; `bytes` as numbers. */
export function inBin(bytes: number[], conn: string | number = 'c1'): WsMessageEvent {
  return { type: 'ws-message', seq: ++seq, t: 1_700_000_000_000 + seq, conn, opcode: 2, size: bytes.length, data: bytesToBase64(bytes), encoding: 'base64', truncated: false };
}

/** Outbound binary frame; `bytes` as numbers. */
export function outBin(bytes: number[], conn: string | number = 'c1'): WsSendEvent {
  return { type: 'ws-send', seq: ++seq, t: 1_700_000_000_000 + seq, conn, opcode: 2, size: bytes.length, data: bytesToBase64(bytes), encoding: 'base64', truncated: false, readyState: 1 };
}

/** The matcher-level view of an event (`dir`, `opcode`, `data`, `encoding`, `truncated`). */
export function like(e: WsMessageEvent | WsSendEvent): FrameLike {
  return { dir: e.type === 'ws-message' ? 'in' : 'out', opcode: e.opcode, data: e.data, encoding: e.encoding, truncated: e.truncated };
}
