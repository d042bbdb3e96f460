import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from '../../../../src/core/events';
import { isValidEvent } from '../../../../src/core/trace/fast-event-check';
import { EVENT_SCHEMAS } from '../../../../src/core/trace/trace-schema';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { fixtureText, prng } from './helpers';

/** One valid event of every type. */
const SAMPLES: Record<EventType, Record<string, unknown>> = {
  'ws-create': { seq: 1, t: 1, type: 'ws-create', conn: 'c', url: 'wss://x/', protocols: ['a'], frameUrl: 'https://x/' },
  'ws-create-failed': { seq: 1, t: 1, type: 'ws-create-failed', url: 'x', error: 'SyntaxError: bad' },
  'ws-open': { seq: 1, t: 1, type: 'ws-open', conn: 1, protocol: '', extensions: '' },
  'ws-send': { seq: 1, t: 1, type: 'ws-send', conn: 'c', opcode: 1, size: 2, data: 'hi', encoding: 'text', truncated: false, readyState: 1 },
  'ws-message': { seq: 1, t: 1, type: 'ws-message', conn: 'c', opcode: 2, size: 2, data: 'AAE=', encoding: 'base64', truncated: true },
  'ws-error': { seq: 1, t: 1, type: 'ws-error', conn: 'c' },
  'ws-close-call': { seq: 1, t: 1, type: 'ws-close-call', conn: 'c', code: 1000, reason: 'bye' },
  'ws-close': { seq: 1, t: 1, type: 'ws-close', conn: 'c', code: 1006, reason: '', wasClean: false },
  'http-request': { seq: 1, t: 1, type: 'http-request', req: 'r', method: 'GET', url: '/v1/sync?since=1', initiator: 'fetch' },
  'http-response': { seq: 1, t: 1, type: 'http-response', req: 'r', status: 200, body: '{}', bodyTruncated: false },
  'http-error': { seq: 1, t: 1, type: 'http-error', req: 'r', error: 'TypeError: Failed to fetch' },
  'page-navigation': { seq: 1, t: 1, type: 'page-navigation', url: 'https://x/' },
  'page-visibility': { seq: 1, t: 1, type: 'page-visibility', state: 'hidden' },
  'page-online': { seq: 1, t: 1, type: 'page-online', online: false },
  'worker-created': { seq: 1, t: 1, type: 'worker-created', kind: 'shared-worker', url: '/w.js' },
  'capture-dropped': { seq: 1, t: 1, type: 'capture-dropped', count: 12 },
  fault: { seq: 1, t: 1, type: 'fault', kind: 'close', conn: 'a.1', code: 4001, reason: 'token expired', origin: 'panel' },
};

const WEIRD: unknown[] = [
  undefined, null, true, false, 0, -1, 1, 2, 3, 4, 1.5, -0, NaN, Infinity, -Infinity, 65535, 65536, 999, 1000,
  Number.MAX_SAFE_INTEGER + 2, '', 'x', '1', 'text', 'base64', 'fetch', 'hidden', 'worker', [], ['a'], [1], {}, { a: 1 },
];

function valibotSays(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const type = (e as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) return false;
  return v.is(EVENT_SCHEMAS[type as EventType], e);
}

describe('isValidEvent agrees with the valibot schemas', () => {
  it('accepts every sample, and every event of the fixtures', () => {
    for (const type of EVENT_TYPES) {
      expect(isValidEvent(SAMPLES[type]), type).toBe(true);
      expect(valibotSays(SAMPLES[type]), type).toBe(true);
    }
    for (const e of parseTrace(fixtureText('traces/scaiwave-resume.wavetrace.json')).events) expect(valibotSays(e)).toBe(true);
  });

  it('agrees on every single-field mutation and on random multi-field mutations', () => {
    let checked = 0;
    for (const type of EVENT_TYPES) {
      const sample = SAMPLES[type];
      const fields = [...new Set([...Object.keys(sample), 'code', 'reason', 'error', 'body', 'bodyTruncated', 'type'])];
      for (const f of fields) {
        for (const w of WEIRD) {
          const e = { ...sample, [f]: w };
          if (w === undefined) delete (e as Record<string, unknown>)[f];
          expect(isValidEvent(e), `${type}.${f} = ${String(w)}`).toBe(valibotSays(e));
          checked++;
        }
      }
    }
    const rnd = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    for (let n = 0; n < 5000; n++) {
      const e: Record<string, unknown> = { ...SAMPLES[pick(EVENT_TYPES)] };
      const k = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < k; i++) e[pick(Object.keys(e).concat(['code', 'body']))] = pick(WEIRD);
      if (rnd() < 0.3) e.type = pick(EVENT_TYPES);
      expect(isValidEvent(e), JSON.stringify(e)).toBe(valibotSays(e));
      checked++;
    }
    expect(checked).toBeGreaterThan(5000);
  });
});
