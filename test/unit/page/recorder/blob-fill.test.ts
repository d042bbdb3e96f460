/**
 * Blob frames through the whole in-memory bridge (page/blob-reader.ts with the recorder's owed
 * queue, docs/design.md#previews-and-binary-data): the frame reaches the panel at once, in
 * order, with its true size, no bytes and `blobUnread` while it is pending ("bytes still
 * arriving"); its fill brings the bytes in place; a read that fails ends the wait with
 * `blobUnread` kept, so an export says so instead of writing an empty preview silently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../../../src/background/hub';
import type { WsMessageEvent, WsSendEvent } from '../../../../src/core/events';
import { takePayload } from '../../../../src/page/payload';
import { fileReaderControl, nodeNatives } from '../node-natives';
import { makePanel, makeTab, settle } from '../../../integration/bridge-harness';

const frames = (events: readonly unknown[]): (WsMessageEvent | WsSendEvent)[] => events.filter((e): e is WsMessageEvent => ['ws-message', 'ws-send'].includes((e as WsMessageEvent).type));
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

afterEach(() => fileReaderControl.reset());

/** A tab streaming to a panel, and the task queue of the realm whose Blob reads a test drives by hand. */
async function connected(tabId: number) {
  const hubRef = { hub: new Hub() };
  const tab = makeTab(hubRef, tabId);
  const panel = makePanel(hubRef, tabId);
  await settle([tab], 3);
  return { tab, panel, readerTasks: [] as (() => void)[] };
}

/** Runs the Blob reader's queued tasks until none is left (each read settles on a later tick). */
async function runReads(tasks: (() => void)[]): Promise<void> {
  for (let i = 0; i < 20 && tasks.length > 0; i++) {
    for (const fn of tasks.splice(0)) fn();
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('Blob frames', () => {
  it('go out at once, in order, pending until their bytes are read; the fill brings the bytes', async () => {
    const { tab, panel, readerTasks } = await connected(7);
    const n = nodeNatives(readerTasks);
    const inBytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 0xff]);
    const outBytes = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: takePayload(n, new Blob([inBytes]), 65536)! });
    tab.text('c', 'after');
    tab.rec.record({ t: tab.rec.now(), type: 'ws-send', conn: 'c', readyState: 1, payload: takePayload(n, new Blob([outBytes]), 4)! });
    tab.rec.flush(false);
    await settle([], 3);
    let got = frames(panel.state.events);
    expect(got.map((e) => [e.type, e.size, e.data, e.blobUnread ?? false])).toEqual([
      ['ws-message', 8, '', true],
      ['ws-message', 5, 'after', false],
      ['ws-send', 9, '', true],
    ]);
    expect(panel.state.pendingPreviews.size).toBe(2);
    const seqs = panel.state.events.map((e) => e.seq);
    // The recorder keeps polling; nothing fills before the bytes are in.
    await settle([tab], 5);
    expect(panel.state.pendingPreviews.size).toBe(2);
    await runReads(readerTasks);
    await settle([tab]);
    got = frames(panel.state.events);
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(got.map((e) => [e.type, e.size, e.data, e.truncated, e.blobUnread ?? false])).toEqual([
      ['ws-message', 8, b64(inBytes), false, false],
      ['ws-message', 5, 'after', false, false],
      ['ws-send', 9, b64(outBytes.subarray(0, 4)), true, false], // capped at 4 bytes, true size kept
    ]);
    expect(panel.state.events.map((e) => e.seq)).toEqual(seqs);
    expect(panel.state.cutPreviews).toBe(0);
  });

  it('a Blob that cannot be read stops being pending and keeps blobUnread', async () => {
    const { tab, panel, readerTasks } = await connected(8);
    const n = nodeNatives(readerTasks);
    fileReaderControl.fail = true;
    tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: takePayload(n, new Blob(['12345678']), 65536)! });
    await settle([tab], 3);
    expect(panel.state.pendingPreviews.size).toBe(1);
    await runReads(readerTasks);
    await settle([tab]);
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(frames(panel.state.events).map((e) => [e.size, e.data, e.truncated, e.blobUnread])).toEqual([[8, '', true, true]]);
  });
});
