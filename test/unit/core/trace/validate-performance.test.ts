/**
 * Validation must cost well under JSON.parse (docs/design.md#reading-untrusted-input). Here with 100,000 events (the
 * 1,000,000-event measurement is in validate-trace.ts's header comment); best of 5 rounds of
 * this process's CPU time (user + system), so other load on the machine does not stretch it.
 */
import * as v from 'valibot';
import { expect, it } from 'vitest';
import type { EventType, TraceEvent } from '../../../../src/core/events';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { EVENT_SCHEMAS } from '../../../../src/core/trace/trace-schema';
import { validateTrace } from '../../../../src/core/trace/validate-trace';

function mixedEvents(n: number): TraceEvent[] {
  const evs: TraceEvent[] = [];
  let t = 1.7e12;
  for (let i = 0; i < n; i++) {
    t += 1.25;
    const k = i % 10;
    const seq = i + 1;
    if (k < 6) evs.push({ seq, t, type: 'ws-message', conn: 'a.1', opcode: 1, size: 40, data: `{"type":"event","stream_position":${i}}`, encoding: 'text', truncated: false });
    else if (k < 8) evs.push({ seq, t, type: 'ws-send', conn: 'a.1', opcode: 1, size: 15, data: '{"type":"pong"}', encoding: 'text', truncated: false, readyState: 1 });
    else if (k === 8) evs.push({ seq, t, type: 'http-request', req: `r${i}`, method: 'GET', url: `https://x/v1/sync?since=${i}`, initiator: 'fetch' });
    else evs.push({ seq, t, type: 'http-response', req: `r${i - 1}`, status: 200 });
  }
  return evs;
}

function best(rounds: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    min = Math.min(min, (d.user + d.system) / 1000);
  }
  return min;
}

it('validating 100,000 events costs well under JSON.parse of them', () => {
  const text = serializeTrace(createTrace(mixedEvents(100_000), { createdAt: 0 }));
  const parsed = JSON.parse(text) as { events: { type: EventType }[] };
  const parse = best(5, () => JSON.parse(text));
  const validate = best(5, () => validateTrace(parsed));
  const valibotOnly = best(2, () => {
    for (const e of parsed.events) v.safeParse(EVENT_SCHEMAS[e.type], e);
  });
  console.log(`100k events: JSON.parse ${parse.toFixed(1)} ms, validateTrace ${validate.toFixed(1)} ms, valibot per event ${valibotOnly.toFixed(1)} ms`);
  expect(validate).toBeLessThan(parse * 0.25);
}, 60000);
