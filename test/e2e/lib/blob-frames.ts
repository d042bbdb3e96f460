/**
 * Blob frames (docs/design.md#previews-and-binary-data), shared by Chromium and Firefox: with the
 * default `binaryType` ("blob"), a Blob sent and Blobs received are recorded with their bytes
 * — read by the hook after the page handled them, within the 64 KiB preview cap — in order, in
 * the panel's trace export and HAR export (opcode 2, base64 `data`), while a page that replaced
 * the Blob readers, FileReader and Response after load sees none of them called.
 */
import { expect } from 'vitest';

/** What a panel page offers here: the automation handle's exports. */
interface PanelLike {
  evaluate<T>(js: string): Promise<T | null | undefined>;
}

type Frame = { type: string; opcode?: number; size?: number; data?: string; truncated?: boolean; blobUnread?: boolean };

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
const FIVE_MIB = 5 * 1024 * 1024;
const cap = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => i & 255)).toString('base64');

/** Runs the page's `blobs()` probe against `${wsUrl}/binary` and checks the page and both exports of `panel`. */
export async function checkBlobFrames(page: { evaluate(js: string): Promise<unknown> }, panel: PanelLike, wsUrl: string): Promise<void> {
  const got = (await page.evaluate(`window.blobs(${JSON.stringify(`${wsUrl}/binary`)})`)) as { binaryType: string; sizes: number[]; first: number[]; foreign: string[] };
  expect(got).toEqual({ binaryType: 'blob', sizes: [8, FIVE_MIB], first: [0, 1, 2, 3, 4, 5, 6, 7], foreign: [] });
  // The page's probe returns when its own handler saw the last message; the hook's batch with
  // that frame reaches the panel a moment later: export once the panel holds all seven frames.
  const isFrame = (e: Frame) => e.type === 'ws-send' || e.type === 'ws-message';
  let trace: { events: Frame[] } = { events: [] };
  for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    trace = JSON.parse((await panel.evaluate<string>(`globalThis.wavetrace.exportTrace({ redact: false })`))!) as { events: Frame[] };
    if (trace.events.filter(isFrame).length >= 7) break;
  }
  const frames = trace.events.filter(isFrame);
  const text = (s: string) => [1, Buffer.byteLength(s), s, false, false];
  expect(frames.map((e) => [e.opcode, e.size, e.data, e.truncated, e.blobUnread ?? false])).toEqual([
    [2, 8, b64([10, 20, 30, 40, 50, 60, 70, 80]), false, false], // send(blob)
    text('bin:8'),
    [2, 8, b64([0, 1, 2, 3, 4, 5, 6, 7]), false, false], // message with a Blob
    text('text:after'),
    text('after'),
    text('bin:5242880'),
    [2, FIVE_MIB, cap, true, false], // only the preview cap was read; the size is true
  ]);
  expect(frames.map((e) => e.type)).toEqual(['ws-send', 'ws-send', 'ws-message', 'ws-send', 'ws-message', 'ws-send', 'ws-message']);
  const har = JSON.parse((await panel.evaluate<string>(`globalThis.wavetrace.exportHar({ redact: false })`))!) as {
    log: { entries: { _resourceType?: string; _webSocketMessages?: { type: string; opcode: number; data: string; _wavetrace?: { size: number; truncated: boolean } }[] }[] };
  };
  const msgs = har.log.entries.find((e) => e._resourceType === 'websocket')!._webSocketMessages!;
  expect(msgs.filter((m) => m.opcode === 2).map((m) => [m.type, m.data, m._wavetrace ?? null])).toEqual([
    ['send', b64([10, 20, 30, 40, 50, 60, 70, 80]), null],
    ['receive', b64([0, 1, 2, 3, 4, 5, 6, 7]), null],
    ['receive', cap, { size: FIVE_MIB, truncated: true }],
  ]);
}
