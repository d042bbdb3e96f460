/**
 * Fuzz: thousands of random byte and character mutations of valid files. The only allowed
 * outcomes are a trace (or a HAR import) or a TraceReadError: no other exception, no hang.
 * Whatever is accepted must also survive the downstream steps (serialize, redact, HAR export).
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportHar } from '../../../../src/core/har/export-har';
import { importHar } from '../../../../src/core/har/import-har';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { redactTrace } from '../../../../src/core/trace/redact-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import type { Trace } from '../../../../src/core/trace/trace-format';
import { TraceReadError } from '../../../../src/core/trace/trace-read-error';
import { validateEvents } from '../../../../src/core/trace/validate-trace';
import { fixtureText, prng } from './helpers';

const TEXTS = [
  fixtureText('traces/scaiwave-resume.wavetrace.json'),
  fixtureText('traces/minimal.wavetrace.json'),
  fixtureText('har/chrome-devtools.har'),
  fixtureText('har/mitmproxy.har'),
  fixtureText('har/httptoolkit.har'),
  JSON.stringify(exportHar(parseTrace(fixtureText('traces/scaiwave-resume.wavetrace.json')))),
];
const ALPHABET = '{}[]:,"\\ \n-.0123456789eEtrufalsnx\u00e9\u0000';
const TOKENS = ['null', 'true', '-1', '1.5', '1e400', '""', '"ws-close"', '{}', '[]', '"wavetrace"', '2', '0', '"send"', '"101"', '[[[[[[', '"\\ud800"'];

function mutateText(s: string, rnd: () => number): string {
  let out = s;
  const k = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < k; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const op = rnd();
    if (op < 0.3) out = out.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + out.slice(at + 1);
    else if (op < 0.5) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 20));
    else if (op < 0.7) out = out.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + out.slice(at);
    else if (op < 0.9) {
      // Replace a JSON value (number, string, literal) after a colon with another token.
      const colon = out.indexOf(':', at);
      if (colon >= 0) {
        const m = /^\s*("(?:[^"\\]|\\.)*"|-?[\d.eE+-]+|true|false|null)/.exec(out.slice(colon + 1));
        if (m) out = out.slice(0, colon + 1) + TOKENS[Math.floor(rnd() * TOKENS.length)] + out.slice(colon + 1 + m[0].length);
      }
    } else out = out.slice(0, at);
  }
  return out;
}

function mutateBytes(b: Uint8Array, rnd: () => number): Uint8Array {
  let out = b.slice();
  const k = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < k; i++) {
    const at = Math.floor(rnd() * out.length);
    const op = rnd();
    if (op < 0.4) out[at] = out[at]! ^ (1 << Math.floor(rnd() * 8));
    else if (op < 0.6) out[at] = Math.floor(rnd() * 256);
    else if (op < 0.8) {
      const ins = new Uint8Array(1 + Math.floor(rnd() * 8)).map(() => Math.floor(rnd() * 256));
      out = new Uint8Array([...out.subarray(0, at), ...ins, ...out.subarray(at)]);
    } else out = out.slice(0, at);
  }
  return out;
}

/** Runs a reader; returns the trace or undefined for a TraceReadError; rethrows anything else. */
function outcome(fn: () => Trace): Trace | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TraceReadError) {
      expect(e.message).not.toMatch(/\n/);
      expect(e.message.length).toBeGreaterThan(0);
      return undefined;
    }
    throw e;
  }
}

function downstream(t: Trace): void {
  const text = serializeTrace(t);
  expect(serializeTrace(parseTrace(text))).toBe(text);
  redactTrace(t);
  JSON.stringify(exportHar(t));
}

describe('fuzz: mutated files give a Trace or a TraceReadError, nothing else', () => {
  it('character mutations of traces and HARs (2,400 cases)', () => {
    const rnd = prng(2024);
    let accepted = 0;
    const started = performance.now();
    for (let n = 0; n < 2400; n++) {
      const src = TEXTS[n % TEXTS.length]!;
      const input = mutateText(src, rnd);
      const t = outcome(() => readTraceOrHar(input).trace);
      if (t) {
        accepted++;
        downstream(t);
      }
      outcome(() => parseTrace(input));
      // A HAR import must only ever produce valid events (readTraceOrHar re-checks them).
      let json: unknown;
      try {
        json = JSON.parse(input);
      } catch {
        continue;
      }
      try {
        const r = importHar(json);
        validateEvents(r.events);
        expect(r.skipped).toBeGreaterThanOrEqual(0);
      } catch (e) {
        if (!(e instanceof TraceReadError) || e.kind !== 'har') throw e;
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(15000);
  });

  it('byte mutations of UTF-8 and gzip files (1,600 cases)', () => {
    const rnd = prng(99);
    const plain = TEXTS.map((s) => new TextEncoder().encode(s));
    const gz = plain.map((b) => gzipSync(b));
    let accepted = 0;
    for (let n = 0; n < 1600; n++) {
      const src = n % 2 === 0 ? plain[n % plain.length]! : gz[n % gz.length]!;
      const input = mutateBytes(src, rnd);
      const t = outcome(() => readTraceOrHar(input, 'x').trace);
      if (t) {
        accepted++;
        downstream(t);
      }
      outcome(() => parseTrace(input));
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
