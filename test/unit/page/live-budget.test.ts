/**
 * The live preview budget as pure arithmetic (src/page/live-budget.ts): a token bucket of
 * preview units that full live previews spend, and the share owed previews may use.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chargeFill, createLiveBudget, fillAllowance, liveCap, refillBudget } from '../../../src/page/live-budget';

const MIB = 1024 * 1024;
const rates = { liveBytesPerSec: MIB, liveBurstBytes: MIB };
const fill = { fillBytesPerFlush: 256 * 1024, batchMaxBytes: 4 * MIB };

describe('live preview budget', () => {
  it('starts full, refills at its rate and never holds more than its burst', () => {
    const b = createLiveBudget(rates, 1000);
    expect(b.tokens).toBe(MIB);
    expect(liveCap(b, MIB, 256, false)).toBe(Infinity);
    expect(b.tokens).toBe(0);
    refillBudget(b, rates, 1500); // half a second at 1 MiB/s
    expect(b.tokens).toBe(MIB / 2);
    refillBudget(b, rates, 10_000);
    expect(b.tokens).toBe(MIB);
  });

  it('cuts a frame it cannot pay for to the short preview and keeps its tokens; small frames and "send everything" are free', () => {
    const b = createLiveBudget({ liveBytesPerSec: 0, liveBurstBytes: 1000 }, 0);
    expect(liveCap(b, 1001, 256, false)).toBe(256);
    expect(b.tokens).toBe(1000);
    expect(liveCap(b, 256, 256, false)).toBe(Infinity); // fits the short preview: no charge
    expect(b.tokens).toBe(1000);
    expect(liveCap(b, 5000, 256, true)).toBe(Infinity);
    expect(b.tokens).toBe(1000);
    expect(liveCap(b, 600, 256, false)).toBe(Infinity);
    expect(b.tokens).toBe(400);
  });

  it('gives fills the quiet share while the page is quiet, else what the bucket has left, and a whole batch for an export', () => {
    const b = createLiveBudget(rates, 0);
    expect(fillAllowance(b, fill, true, false)).toBe(256 * 1024);
    expect(fillAllowance(b, fill, false, false)).toBe(256 * 1024);
    b.tokens = 1000;
    expect(fillAllowance(b, fill, false, false)).toBe(1000);
    expect(fillAllowance(b, fill, true, false)).toBe(256 * 1024);
    expect(fillAllowance(b, fill, false, true)).toBe(4 * MIB);
    chargeFill(b, 300, true);
    expect(b.tokens).toBe(1000); // quiet fills are free
    chargeFill(b, 300, false);
    expect(b.tokens).toBe(700);
    chargeFill(b, 5000, false);
    expect(b.tokens).toBe(0);
  });

  it('keeps its tokens within [0, burst] under any sequence of refills, live frames and fills', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ k: fc.constant('frame' as const), units: fc.integer({ min: 0, max: 3 * MIB }), all: fc.boolean() }),
      fc.record({ k: fc.constant('fill' as const), units: fc.integer({ min: 0, max: 3 * MIB }), quiet: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * MIB }), fc.integer({ min: 0, max: 4 * MIB }), fc.array(op, { maxLength: 60 }), (rate, burst, ops) => {
        const r = { liveBytesPerSec: rate, liveBurstBytes: burst };
        let now = 0;
        const b = createLiveBudget(r, now);
        for (const o of ops) {
          const before = b.tokens;
          if (o.k === 'wait') refillBudget(b, r, (now += o.ms));
          else if (o.k === 'frame') {
            const cap = liveCap(b, o.units, 256, o.all);
            // Spent exactly what a full preview over the short cap costs, or nothing.
            const spent = before - b.tokens;
            expect(spent === 0 || (cap === Infinity && spent === o.units && o.units > 256 && !o.all)).toBe(true);
            if (cap !== Infinity) expect(before).toBeLessThan(o.units);
          } else chargeFill(b, o.units, o.quiet);
          expect(b.tokens).toBeGreaterThanOrEqual(0);
          expect(b.tokens).toBeLessThanOrEqual(burst);
        }
      }),
    );
  });
});
