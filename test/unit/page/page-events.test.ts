/**
 * Page events (docs/design.md#event-types: `page-navigation`, `page-visibility`, `page-online`) recorded by the hook's page-events part: the
 * navigation at start, visibility changes (headless browsers never hide a tab, so this is
 * where `page-visibility` is exercised) and online/offline. Also the capture settings the
 * relay hands to the hook, and payload previews.
 */
import { describe, expect, it } from 'vitest';
import { installPageEvents } from '../../../src/page/page-events';
import { createHookContext } from '../../../src/page/hook-context';
import { createSyncMatcher } from '../../../src/page/sync-matcher';
import { Recorder, type RawEvent } from '../../../src/page/recorder';
import { fromWireBatch } from '../../../src/core/bridge/wire-frames';
import { rawToWire } from '../../../src/page/wire-batch';
import { frameFromTuple } from '../../../src/core/bridge/wire-frames';
import type { FrameTuple } from '../../../src/core/bridge/messages';
import { takePayload } from '../../../src/page/payload';
import { applyHookConfig } from '../../../src/page/hook-config';
import { sanitizeCaptureConfig, DEFAULT_CAPTURE_CONFIG } from '../../../src/core/store/capture-config';
import type { Masks } from '../../../src/page/masks';
import { nodeNatives } from './node-natives';

function setup(hidden: boolean) {
  const n = nodeNatives();
  let state = hidden ? 'hidden' : 'visible';
  class Doc extends EventTarget {
    get visibilityState(): string {
      return state;
    }
  }
  const doc = new Doc();
  const win = Object.assign(new EventTarget(), { document: doc }) as unknown as Window & typeof globalThis;
  n.visibilityState = Object.getOwnPropertyDescriptor(Doc.prototype, 'visibilityState')!.get as () => DocumentVisibilityState;
  const events: RawEvent[] = [];
  const rec = new Recorder(n, (b) => events.push(...(fromWireBatch(b)!.events as RawEvent[])), { src: 's', frameUrl: 'https://app.example/', top: true });
  const ctx = createHookContext(n, rec, 's', {} as Masks, createSyncMatcher(n), {});
  installPageEvents(win, n, ctx, 'https://app.example/');
  const set = (v: string): void => {
    state = v;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { win, rec, set, ctx, n, held: () => Array.from({ length: rec.held }, (_, i) => (rec as unknown as { buffer: { at(i: number): RawEvent } }).buffer.at(i)) };
}

describe('page events', () => {
  it('records the navigation, then visibility and online changes, in order', () => {
    const t = setup(false);
    t.set('hidden');
    t.set('visible');
    t.win.dispatchEvent(new Event('offline'));
    t.win.dispatchEvent(new Event('online'));
    expect(t.held().map((e) => [e.type, (e as { state?: string }).state ?? (e as { online?: boolean }).online ?? (e as { url?: string }).url])).toEqual([
      ['page-navigation', 'https://app.example/'],
      ['page-visibility', 'hidden'],
      ['page-visibility', 'visible'],
      ['page-online', false],
      ['page-online', true],
    ]);
    expect(t.held().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('records a tab that starts hidden', () => {
    const t = setup(true);
    expect(t.held().map((e) => e.type)).toEqual(['page-navigation', 'page-visibility']);
  });
});

describe('capture settings and previews', () => {
  it('sanitises stored settings and applies them to a running hook', () => {
    expect(sanitizeCaptureConfig(undefined)).toEqual(DEFAULT_CAPTURE_CONFIG);
    const c = sanitizeCaptureConfig({ syncPaths: ['/api/sync', 'no-slash', 7], maxEvents: 10, previewCap: 1e12, bodyCap: -5, extra: 1 });
    expect(c).toEqual({ ...DEFAULT_CAPTURE_CONFIG, syncPaths: ['/api/sync'], maxEvents: 100, previewCap: 16 * 1024 * 1024, bodyCap: 0 });
    const t = setup(false);
    for (let i = 0; i < 300; i++) t.rec.record({ t: 0, type: 'ws-error', conn: 'x' });
    applyHookConfig(t.ctx, { syncPaths: ['/api/sync'], maxEvents: 100, previewCap: 1024 });
    expect(t.rec.held).toBe(100);
    expect(t.rec.dropped).toBe(201);
    expect(t.rec.options.previewCap).toBe(1024);
    expect(t.ctx.sync.matches('https://app.example/api/sync?since=4')).toBe(true);
    expect(t.ctx.sync.matches('https://app.example/v1/sync?since=4')).toBe(false);
  });

  it('previews text, binary and blobs with their true size', () => {
    const n = nodeNatives();
    const text = 'é'.repeat(100);
    const p = takePayload(n, text, 10)!;
    expect([p.opcode, p.size, p.truncated, p.text]).toEqual([1, 200, true, 'é'.repeat(10)]);
    const bytes = new Uint8Array(1000).map((_, i) => i & 255);
    const b = takePayload(n, new DataView(bytes.buffer, 10, 500), 64)!;
    const ev = frameFromTuple(rawToWire(n, { seq: 1, t: 0, type: 'ws-message', conn: 'c', payload: b }) as FrameTuple);
    expect(ev).toMatchObject({ opcode: 2, size: 500, truncated: true, encoding: 'base64', data: Buffer.from(bytes.subarray(10, 74)).toString('base64') });
    expect(takePayload(n, new Blob(['abc']), 64)).toMatchObject({ opcode: 2, size: 3, truncated: true });
    expect(takePayload(n, { toString: () => 'x' }, 64)).toBeUndefined();
  });
});
