/** Shared test helpers for trace/HAR tests: fixtures, a seeded PRNG, error capture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TraceReadError } from '../../../../src/core/trace/trace-read-error';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** Bytes of a file under test/fixtures. */
export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + rel));
}

/** Text of a file under test/fixtures. */
export function fixtureText(rel: string): string {
  return readFileSync(FIXTURES + rel, 'utf8');
}

/** Mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `fn`, expects a TraceReadError, returns it (fails the test on anything else). */
export function readError(fn: () => unknown): TraceReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraceReadError) return e;
    throw new Error(`expected TraceReadError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected TraceReadError, nothing was thrown');
}
