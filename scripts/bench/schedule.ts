/**
 * The order and the estimator of the hook benchmark's throughput runs (method:
 * scripts/bench/README.md, "How it measures throughput"): a seeded shuffle of the
 * configurations for every pass, so that no configuration always runs right after the same
 * other one or always first, and the best of a configuration's bursts within one round.
 */

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so a run
 * can be repeated with the same order. Returns numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `xs` (Fisher–Yates, every order equally likely given a uniform `random`). */
export function shuffled<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The best (shortest) of one configuration's burst times in a round, ms; NaN when none is finite.
 * Sound only when whatever varies between the bursts lengthens them and never shortens them:
 * other processes taking the cores, a timer or a GC of an earlier burst landing in this one.
 */
export function bestOf(ms: readonly number[]): number {
  const f = ms.filter((x) => Number.isFinite(x));
  return f.length ? Math.min(...f) : NaN;
}
