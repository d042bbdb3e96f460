/**
 * The per-profile frame class cache: the same classes as a plain classifier, one
 * classification per frame event shared by every classifier of the profile object, a fill's
 * new event classified afresh, and no cache where a class depends on earlier frames.
 */
import { describe, expect, it, vi } from 'vitest';
import { createClassifier } from '../../../../src/core/profile/classify';
import { CLASS_CACHE_MIN_CHARS, SHARE_PARSE_MIN_CHARS, classOfFrameAlone, createSharedClassifier } from '../../../../src/core/profile/class-cache';
import { keptParse } from '../../../../src/core/profile/learn/parsed-frames';
import { learnProfile } from '../../../../src/core/profile/learn/learn-profile';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { getBuiltinProfile } from '../../../../src/core/profile/presets/index';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { ingestBatch } from '../../../../src/core/store/ingest';
import type { Profile } from '../../../../src/core/profile/types';
import type { TraceEvent, WsMessageEvent } from '../../../../src/core/events';

/** An inbound scaiwave event frame of at least `len` characters. */
function big(pos: number, len = CLASS_CACHE_MIN_CHARS + 100): WsMessageEvent {
  const head = `{"type":"event","stream_position":${pos},"pad":"`;
  const data = head + 'x'.repeat(len - head.length - 2) + '"}';
  return { type: 'ws-message', seq: pos, t: pos, conn: 'c', opcode: 1, size: data.length, data, encoding: 'text', truncated: false };
}

describe('createSharedClassifier', () => {
  it('gives the classes of createClassifier, computed once per frame for every classifier of the profile', () => {
    const plain = createClassifier(SCAIWAVE_PROFILE);
    const a = createSharedClassifier(SCAIWAVE_PROFILE);
    const b = createSharedClassifier(SCAIWAVE_PROFILE);
    const frames = [big(1), big(2), big(3)];
    const first = frames.map((f) => a(f));
    expect(first).toEqual(frames.map((f) => plain(f)));
    expect(first[1]).toEqual({ kind: 'data', position: 2 });
    // The second classifier (the analysis, after the row index) finds the same objects.
    frames.forEach((f, i) => expect(b(f)).toBe(first[i]));
  });

  it('classifies small frames each time (not kept)', () => {
    const a = createSharedClassifier(SCAIWAVE_PROFILE);
    const f: WsMessageEvent = { ...big(7), data: '{"type":"event","stream_position":7}' };
    expect(a(f)).toEqual({ kind: 'data', position: 7 });
    expect(a(f)).not.toBe(a(f));
  });

  it('a profile object of its own has a cache of its own', () => {
    const copy: Profile = JSON.parse(JSON.stringify(SCAIWAVE_PROFILE)) as Profile;
    const f = big(4);
    const x = createSharedClassifier(SCAIWAVE_PROFILE)(f);
    const y = createSharedClassifier(copy)(f);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });

  it('keeps nothing when a class depends on earlier frames (position.after, MQTT framing)', () => {
    const sio = getBuiltinProfile('socketio-v4')!;
    const mqtt = getBuiltinProfile('mqtt')!;
    expect(classOfFrameAlone(SCAIWAVE_PROFILE)).toBe(true);
    expect(classOfFrameAlone(sio)).toBe(false);
    expect(classOfFrameAlone(mqtt)).toBe(false);
    const c = createSharedClassifier(sio);
    const f: WsMessageEvent = { ...big(1), data: '42["event",' + '"y",'.repeat(200) + '1]' };
    expect(c(f)).toEqual(createClassifier(sio)(f));
    expect(c(f)).not.toBe(c(f));
  });

  it('a fill replaces the short preview with a new event: its class is computed from the full preview', () => {
    const state = createCaptureState();
    const full = big(42);
    const short: TraceEvent = { ...full, data: full.data.slice(0, 256), truncated: true, size: -1 };
    const pad = { ...full, data: full.data.replace('"pad"', '"pad2"'), seq: 2 };
    ingestBatch(state, { src: 's', frameUrl: 'https://a.example/', top: true, owed: [1], events: [{ ...short, seq: 1 }, pad] });
    const classify = createSharedClassifier(SCAIWAVE_PROFILE);
    // The short preview is not JSON: no position. (Short previews are under the size kept.)
    expect(classify(state.events[0] as WsMessageEvent)).toEqual({ kind: 'data' });
    const kept = classify(state.events[1] as WsMessageEvent);
    expect(kept).toEqual({ kind: 'data', position: 42 });
    ingestBatch(state, { src: 's', frameUrl: 'https://a.example/', top: true, fill: true, events: [{ ...full, seq: 1 }] });
    expect(classify(state.events[0] as WsMessageEvent)).toEqual({ kind: 'data', position: 42 });
    expect(classify(state.events[1] as WsMessageEvent)).toBe(kept);
  });

  it('a class computed from a long preview that a fill completes is not found for the full frame', () => {
    const state = createCaptureState();
    const full = big(9, 4 * CLASS_CACHE_MIN_CHARS);
    // A long cut preview (e.g. a capped preview) that is still not JSON.
    const cut: TraceEvent = { ...full, data: full.data.slice(0, 2 * CLASS_CACHE_MIN_CHARS), truncated: true, size: -1, seq: 1 };
    ingestBatch(state, { src: 's', frameUrl: 'https://a.example/', top: true, owed: [1], events: [cut] });
    const classify = createSharedClassifier(SCAIWAVE_PROFILE);
    expect(classify(state.events[0] as WsMessageEvent)).toEqual({ kind: 'data' });
    ingestBatch(state, { src: 's', frameUrl: 'https://a.example/', top: true, fill: true, events: [{ ...full, seq: 1 }] });
    expect(classify(state.events[0] as WsMessageEvent)).toEqual({ kind: 'data', position: 9 });
  });
});

describe('a large frame\'s parse handed to learning', () => {
  it('learning finds the JSON the classification parsed, and learns what it learns from fresh copies', () => {
    const create: TraceEvent = { type: 'ws-create', seq: 1, t: 1_700_000_000_000, conn: 'c', url: 'wss://x.example/feed', protocols: [], frameUrl: 'https://x.example/' };
    const frames = Array.from({ length: 8 }, (_, i) => ({ ...big(100 + i, SHARE_PARSE_MIN_CHARS + 10), seq: i + 2, t: 1_700_000_000_100 + i }));
    const classify = createSharedClassifier(SCAIWAVE_PROFILE);
    for (const f of frames) expect(classify(f)).toEqual({ kind: 'data', position: f.seq + 98 });
    for (const f of frames) expect(keptParse(f)).toEqual({ prefix: '', json: JSON.parse(f.data) });
    const small = big(1);
    classify(small);
    expect(keptParse(small)).toBeUndefined(); // under the size whose parse is handed on
    const events = [create, ...frames];
    const spy = vi.spyOn(JSON, 'parse');
    const learned = learnProfile(events);
    const bigParses = spy.mock.calls.filter(([t]) => typeof t === 'string' && t.length >= SHARE_PARSE_MIN_CHARS).length;
    spy.mockRestore();
    expect(bigParses).toBe(0);
    expect(learned.profile.position?.path).toBe('stream_position');
    expect(learned).toEqual(learnProfile(events.map((e) => ({ ...e }))));
  });
});
