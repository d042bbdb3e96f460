/**
 * Parses kept between learns: a learn again over the same events parses only what it could not
 * keep, gives the same result as a learn over fresh copies, and a fill's new event (or a frame
 * too large to hold) is parsed again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { learnProfile } from '../../../../../src/core/profile/learn/learn-profile';
import { KEEP_MAX_NODES, keepParse, keptParse } from '../../../../../src/core/profile/learn/parsed-frames';
import type { TraceEvent, WsMessageEvent } from '../../../../../src/core/events';
import { chat } from './protocols';

afterEach(() => vi.restoreAllMocks());

const frame = (data: string, seq = 1): WsMessageEvent => ({ type: 'ws-message', seq, t: 1_700_000_000_000 + seq, conn: 'c', opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
const copies = (events: TraceEvent[]): TraceEvent[] => events.map((e) => ({ ...e }));

/** JSON.parse calls made by `fn` on texts of frames (not the ones the test itself makes). */
function parsesDuring(fn: () => void): number {
  const spy = vi.spyOn(JSON, 'parse');
  fn();
  const n = spy.mock.calls.length;
  spy.mockRestore();
  return n;
}

describe('parses kept between learns', () => {
  it('a second learn over the same events parses none of the frames kept, with the same result as fresh copies', () => {
    const events = chat();
    const first = parsesDuring(() => learnProfile(events));
    expect(first).toBeGreaterThan(20);
    let again: ReturnType<typeof learnProfile> | undefined;
    const second = parsesDuring(() => (again = learnProfile(events)));
    expect(second).toBeLessThan(first / 4);
    expect(again).toEqual(learnProfile(copies(events)));
  });

  it('keeps long strings as equal values, and a small parse whole', () => {
    const pad = 'é'.repeat(300) + 'x'.repeat(3000);
    const text = JSON.stringify({ type: 'event', seq: 7, pad, list: [1, 'a', null, { b: true }] });
    const e = frame(text);
    keepParse(e, text, '', JSON.parse(text));
    const kept = keptParse(e);
    expect(kept).toEqual({ prefix: '', json: JSON.parse(text) });
    expect(Object.keys(kept!.json as object)).toEqual(['type', 'seq', 'pad', 'list']);
    expect((kept!.json as { pad: string }).pad === pad).toBe(true);
  });

  it('finds each long string at its own place: a 64 KiB repetitive pad, and a value that another one starts with', () => {
    const pad = 'x'.repeat(65_000);
    const text = JSON.stringify({ type: 'event', stream_position: 12, pad });
    const e = frame(text);
    keepParse(e, text, '', JSON.parse(text));
    expect((keptParse(e)!.json as { pad: string }).pad === pad).toBe(true);
    const longer = 'x'.repeat(300) + 'y';
    const shorter = 'x'.repeat(300);
    const two = JSON.stringify({ a: longer, b: shorter, c: longer.slice(1) });
    const f = frame(two);
    keepParse(f, two, '', JSON.parse(two));
    expect(keptParse(f)!.json).toEqual({ a: longer, b: shorter, c: longer.slice(1) });
  });

  it('keeps no parse that is large to hold: many values, a long string with escapes, a __proto__ key', () => {
    const many = JSON.stringify({ xs: Array.from({ length: KEEP_MAX_NODES }, (_, i) => i) });
    const escaped = JSON.stringify({ s: 'a"b'.repeat(200) });
    const proto = '{"__proto__":{"x":1},"y":2}';
    for (const text of [many, escaped, proto]) {
      const e = frame(text);
      keepParse(e, text, '', JSON.parse(text));
      expect(keptParse(e)).toBeUndefined();
    }
    const plain = frame('not json');
    keepParse(plain, 'not json', '', undefined);
    expect(keptParse(plain)).toBeNull();
  });

  it('a fill replaces the event: the learn parses the full preview, not the kept short one', () => {
    const create: TraceEvent = { type: 'ws-create', seq: 1, t: 1_700_000_000_000, conn: 'c', url: 'wss://x.example/feed', protocols: [], frameUrl: 'https://x.example/' };
    const full = (i: number): WsMessageEvent => frame(JSON.stringify({ type: 'event', stream_position: 100 + i, pad: 'p'.repeat(400) }), i + 2);
    const events: TraceEvent[] = [create, ...Array.from({ length: 12 }, (_, i) => ({ ...full(i), data: full(i).data.slice(0, 256), truncated: true, size: -1 }))];
    const during = learnProfile(events);
    expect(during.profile.position).toBeUndefined();
    for (let i = 0; i < 12; i++) events[i + 1] = full(i); // the fills: new event objects
    const after = learnProfile(events);
    expect(after.profile.position?.path).toBe('stream_position');
    expect(after).toEqual(learnProfile(copies(events)));
  });
});
