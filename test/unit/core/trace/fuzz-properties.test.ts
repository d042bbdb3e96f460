/**
 * Property-based fuzzing (fast-check) of everything that reads a file: the trace reader, the
 * HAR reader, the profile schema and `wavetrace check`. Random and mutated inputs may only
 * give a result or a one-line TraceReadError (profiles: an Error) — no other exception, no
 * hang past a bound, bounded memory; the CLI exits 0, 1 or 2 and nothing else.
 * Seeds are fixed so a failure reproduces; fast-check prints the shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli/run-cli';
import { analyze } from '../../../../src/core/analysis';
import type { TraceEvent } from '../../../../src/core/events';
import { exportHar } from '../../../../src/core/har/export-har';
import { parseProfile } from '../../../../src/core/profile/schema';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { isTraceReadError } from '../../../../src/core/trace/trace-read-error';
import { tempFile } from '../../cli/fixtures';
import { fixtureText } from './helpers';

/** Longest any single read may take, ms (inputs here are under ~100 KB; a hang would be seconds to forever). */
const BOUND_MS = 3000;

const TRACE = JSON.parse(fixtureText('traces/scaiwave-resume.wavetrace.json'));
const HARS = [
  JSON.parse(fixtureText('har/chrome-devtools.har')),
  JSON.parse(fixtureText('har/realworld/playwright-chromium-ws.har')),
  JSON.parse(fixtureText('har/realworld/mitmproxy-websocket.har')),
  JSON.parse(fixtureText('har/realworld/derived-mitmproxy-ws-with-httptoolkit-close.har')),
  exportHar(parseTrace(fixtureText('traces/scaiwave-resume.wavetrace.json'))),
];

/** Values a hostile or careless writer puts in a field. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(8.64e15, -1, 1e308, 1.5, 0, 101, 1e11, '1e400', '', 'websocket', 'send', 'receive', 'error', '(a+)+$', '\u001b[2J\u202e', 'wss://h/s', '2024-06-01T10:00:00Z', '+275760-09-13T00:00:00Z', null, [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Replaces `k` random leaves/branches of a JSON value by hostile values (paths chosen by the integers). */
function mutate(value: unknown, picks: { at: number; v: unknown; drop: boolean }[]): unknown {
  const copy = structuredClone(value);
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (x: unknown): void => {
    if (slots.length > 5000 || typeof x !== 'object' || x === null) return;
    for (const key of Array.isArray(x) ? x.keys() : Object.keys(x)) {
      slots.push({ parent: x as Record<string, unknown>, key });
      walk((x as Record<string | number, unknown>)[key]);
    }
  };
  walk(copy);
  for (const p of picks) {
    const s = slots[p.at % Math.max(1, slots.length)];
    if (!s) continue;
    if (p.drop && !Array.isArray(s.parent)) delete (s.parent as Record<string, unknown>)[s.key as string];
    else (s.parent as Record<string | number, unknown>)[s.key] = p.v;
  }
  return copy;
}
const picks = fc.array(fc.record({ at: fc.nat(), v: hostile, drop: fc.boolean() }), { minLength: 1, maxLength: 6 });

/** Runs `f`, asserting it ends within the bound and throws nothing but a TraceReadError. */
function readsSafely(f: () => unknown): void {
  const t = performance.now();
  try {
    f();
  } catch (e) {
    if (!isTraceReadError(e)) throw e;
    expect(e.message).not.toMatch(/[\r\n]/);
  }
  expect(performance.now() - t).toBeLessThan(BOUND_MS);
}

describe('fuzz (fast-check): readers never throw anything but a one-line TraceReadError, never hang', () => {
  const heapBefore = process.memoryUsage().heapUsed;

  it('random JSON text and random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => readsSafely(() => readTraceOrHar(text, 'x.har'))),
      { seed: 18, numRuns: 400 },
    );
  });

  it('mutated traces (and the analysis of whatever is accepted)', () => {
    fc.assert(
      fc.property(picks, (p) => {
        const text = JSON.stringify(mutate(TRACE, p));
        readsSafely(() => {
          const r = readTraceOrHar(text);
          analyze(r.trace.events, SCAIWAVE_PROFILE, { input: r.kind === 'har' ? 'har' : 'trace', connEnds: r.entryEnds });
        });
      }),
      { seed: 1806, numRuns: 300 },
    );
  });

  it('mutated HARs of five writers (and the analysis of whatever is accepted)', () => {
    fc.assert(
      fc.property(fc.nat({ max: HARS.length - 1 }), picks, (i, p) => {
        const text = JSON.stringify(mutate(HARS[i], p));
        readsSafely(() => {
          const r = readTraceOrHar(text, 'x.har');
          analyze(r.trace.events, SCAIWAVE_PROFILE, { input: 'har', connEnds: r.entryEnds });
        });
      }),
      { seed: 1807, numRuns: 300 },
    );
  });

  it('profiles: random and mutated ones give a Profile or a one-line Error; accepted ones analyse a trace in bounded time', () => {
    const events = parseTrace(fixtureText('traces/scaiwave-resume.wavetrace.json')).events as TraceEvent[];
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), picks.map((p) => mutate(SCAIWAVE_PROFILE, p))), (value) => {
        const t = performance.now();
        let profile;
        try {
          profile = parseProfile(value);
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).not.toMatch(/[\r\n]/);
        }
        if (profile) analyze(events, profile, {});
        expect(performance.now() - t).toBeLessThan(BOUND_MS);
      }),
      { seed: 1808, numRuns: 300 },
    );
  });

  it('memory stays bounded over all of the above', () => {
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });
});

describe('fuzz (fast-check): wavetrace check exits 0, 1 or 2 and nothing else', () => {
  it('on mutated traces and HARs written to files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: HARS.length }), picks, async (i, p) => {
        const doc = i === HARS.length ? mutate(TRACE, p) : mutate(HARS[i], p);
        const file = tempFile(i === HARS.length ? 'f.wavetrace.json' : 'f.har', JSON.stringify(doc));
        const t = performance.now();
        const r = await runCli(['check', file]);
        expect([0, 1, 2]).toContain(r.exitCode);
        if (r.exitCode === 2) expect(r.stderr.split('\n')).toHaveLength(2);
        expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(performance.now() - t).toBeLessThan(BOUND_MS);
      }),
      { seed: 1809, numRuns: 120 },
    );
  }, 120_000);
});
