import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClassifier } from '../../../../src/core/profile/classify';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import type { Profile } from '../../../../src/core/profile/types';
import { inBin, inText, outText } from './frames';

afterEach(() => vi.restoreAllMocks());

describe('createClassifier (scaiwave)', () => {
  const classify = createClassifier(SCAIWAVE_PROFILE);

  it('classifies hello, ping, pong and data', () => {
    expect(classify(inText('{"type":"hello","tenant_id":"t-1","stream_position":120}'))).toEqual({
      kind: 'hello',
      position: 120,
      helloFields: { tenant_id: 't-1' },
    });
    expect(classify(inText('{"type":"ping"}'))).toEqual({ kind: 'ping' });
    expect(classify(outText('{"type":"pong"}'))).toEqual({ kind: 'pong' });
    expect(classify(inText('{"type":"event","stream_position":121,"payload":{"x":1}}'))).toEqual({ kind: 'data', position: 121 });
  });

  it('reads positions from numbers or numeric strings only', () => {
    expect(classify(inText('{"type":"event","stream_position":"122"}'))).toEqual({ kind: 'data', position: 122 });
    expect(classify(inText('{"type":"event","stream_position":"abc"}'))).toEqual({ kind: 'data' });
    expect(classify(inText('{"type":"event","stream_position":null}'))).toEqual({ kind: 'data' });
  });

  it('reads positions from inbound frames only', () => {
    expect(classify(outText('{"type":"ack","stream_position":5}'))).toEqual({ kind: 'data' });
  });

  it('direction matters: an outbound ping is data', () => {
    expect(classify(outText('{"type":"ping"}'))).toEqual({ kind: 'data' });
    expect(classify(inText('{"type":"pong"}'))).toEqual({ kind: 'data' });
  });

  it('omits hello fields that are absent', () => {
    expect(classify(inText('{"type":"hello"}'))).toEqual({ kind: 'hello', helloFields: {} });
  });

  it('never throws on malformed or binary payloads', () => {
    for (const e of [inText(''), inText('{'), inText('{"type":"event","stream_position":1', 'c1', true), inText('\u0000\uffff'), inBin([0, 1, 2])]) {
      expect(classify(e)).toEqual({ kind: 'data' });
    }
  });

  it('parses JSON at most once per frame', () => {
    const frames = [
      inText('{"type":"hello","tenant_id":"t","stream_position":1}'),
      inText('{"type":"ping"}'),
      outText('{"type":"pong"}'),
      inText('{"type":"event","stream_position":2,"text":"hello ping pong"}'),
      outText('{"type":"subscribe"}'),
    ];
    const spy = vi.spyOn(JSON, 'parse');
    for (const f of frames) {
      spy.mockClear();
      classify(f);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    }
  });

  it('does not parse an inbound frame that names no position and matches no JSON matcher', () => {
    const spy = vi.spyOn(JSON, 'parse');
    expect(classify(inText('{"type":"presence","user":"u1","state":"online"}'))).toEqual({ kind: 'data' });
    expect(spy).not.toHaveBeenCalled();
  });

  it('reads a position whose key is written with an escape', () => {
    expect(classify(inText('{"type":"event","stream\\u005fposition":7}'))).toEqual({ kind: 'data', position: 7 });
    expect(classify(inText('{"type":"hello","stream\\u005fposition":8}'))).toMatchObject({ kind: 'hello', position: 8 });
  });
});

describe('createClassifier options', () => {
  const base: Profile = { ...SCAIWAVE_PROFILE };

  it('respects position.when and reads the path after its prefix', () => {
    const p: Profile = { ...base, hello: undefined, heartbeat: undefined, position: { path: '[-1]', contiguous: false, when: { dir: 'in', prefix: '42', json: {} } } };
    const c = createClassifier(p);
    expect(c(inText('42["ev","x","7"]'))).toEqual({ kind: 'data', position: 7 });
    expect(c(inText('43["ev","x","7"]'))).toEqual({ kind: 'data' });
  });

  it('position.after gates positions per connection', () => {
    const p: Profile = {
      ...base,
      hello: undefined,
      heartbeat: undefined,
      position: { path: 'p', contiguous: false, after: { dir: 'in', json: { type: 'recovering' } } },
    };
    const c = createClassifier(p);
    expect(c(inText('{"p":1}', 'a'))).toEqual({ kind: 'data' });
    expect(c(inText('{"type":"recovering","p":2}', 'a'))).toEqual({ kind: 'data', position: 2 });
    expect(c(inText('{"p":3}', 'a'))).toEqual({ kind: 'data', position: 3 });
    expect(c(inText('{"p":4}', 'b'))).toEqual({ kind: 'data' });
  });

  it('reports positionReset and the announced interval', () => {
    const p: Profile = {
      ...base,
      hello: { match: { dir: 'in', json: { op: 10 } }, fields: [] },
      heartbeat: { intervalMs: 1000, ping: { dir: 'out', json: { op: 1 } }, intervalPath: 'd.every', intervalScale: 1000 },
      position: { path: 's', contiguous: true, resetWhen: { dir: 'in', json: { t: 'READY' } } },
    };
    const c = createClassifier(p);
    expect(c(inText('{"op":10,"d":{"every":45}}'))).toEqual({ kind: 'hello', intervalMs: 45000 });
    expect(c(inText('{"op":0,"t":"READY","s":1}'))).toEqual({ kind: 'data', position: 1, positionReset: true });
  });

  it('bidirectional heartbeats match in both directions', () => {
    const p: Profile = {
      ...base,
      heartbeat: { intervalMs: 1000, ping: { dir: 'out', json: { type: 'ping' } }, pong: { dir: 'in', json: { type: 'pong' } }, bidirectional: true },
    };
    const c = createClassifier(p);
    expect(c(outText('{"type":"ping"}')).kind).toBe('ping');
    expect(c(inText('{"type":"ping"}')).kind).toBe('ping');
    expect(c(inText('{"type":"pong"}')).kind).toBe('pong');
    expect(c(outText('{"type":"pong"}')).kind).toBe('pong');
  });

  it('combines the records of a multi-record frame', () => {
    const p: Profile = { ...base, recordSeparator: '\n' };
    const c = createClassifier(p);
    const cls = c(inText('{"type":"ping"}\n{"type":"event","stream_position":5}\n{"type":"event","stream_position":6}'));
    expect(cls.kind).toBe('data');
    expect(cls.position).toBe(6);
    expect(cls.records?.map((r) => r.kind)).toEqual(['ping', 'data', 'data']);
    const hello = c(inText('{"type":"hello","tenant_id":"t","stream_position":9}\n{"type":"event","stream_position":10}'));
    expect(hello).toMatchObject({ kind: 'hello', position: 9, helloFields: { tenant_id: 't' } });
    expect(hello.records?.[1]).toEqual({ kind: 'data', position: 10 });
    expect(c(inText('{"type":"ping"}\n'))).toEqual({ kind: 'ping' });
    expect(c(inText('\n\n'))).toEqual({ kind: 'data' });
  });

  it('names the field when an unvalidated profile has a bad regex', () => {
    const p: Profile = { ...base, heartbeat: { intervalMs: 1, ping: { dir: 'in', regex: '(' } } };
    expect(() => createClassifier(p)).toThrow(/^profile\.heartbeat\.ping\.regex: /);
  });
});
