import { describe, expect, it } from 'vitest';
import { parseHookBenchEnv } from '../../../../scripts/bench/hook-overhead';

describe('hook bench settings', () => {
  it('defaults: 3 rounds of 3 bursts after a warm-up pass, every kind, size and configuration', () => {
    const env = parseHookBenchEnv({});
    expect(env).toMatchObject({ rounds: 3, bursts: 3, warmup: true, seed: 1, nice: 0, throughput: true, kinds: ['receive', 'send'], sizes: ['100 B', '1 KB', '64 KB'] });
    expect(env.configs).toEqual(['native', 'closed', 'panel', 'devtools', 'devtools-panel']);
  });

  it('hook-cpu: the table only, 3 rounds of one burst', () => {
    expect(parseHookBenchEnv({ BENCH_ONLY: 'hook-cpu' })).toMatchObject({ rounds: 3, bursts: 1, throughput: false });
  });

  it('reads BENCH_ROUNDS, BENCH_BURSTS, BENCH_WARMUP, BENCH_SEED, BENCH_NICE and keeps native first', () => {
    const env = parseHookBenchEnv({ BENCH_ROUNDS: '5', BENCH_BURSTS: '3', BENCH_WARMUP: '0', BENCH_SEED: '42', BENCH_NICE: '-10', BENCH_CONFIGS: 'panel,closed' });
    expect(env).toMatchObject({ rounds: 5, bursts: 3, warmup: false, seed: 42, nice: -10 });
    expect(env.configs).toEqual(['native', 'closed', 'panel']);
  });

  it('a bad value stops with one line naming the variable', () => {
    for (const [name, value] of [['BENCH_ROUNDS', '0'], ['BENCH_BURSTS', '1.5'], ['BENCH_BURSTS', ''], ['BENCH_SEED', '-1'], ['BENCH_WARMUP', 'yes'], ['BENCH_NICE', '5'], ['BENCH_NICE', '-21'], ['BENCH_NICE', ''], ['BENCH_SIZES', '2 KB']] as const) {
      expect(() => parseHookBenchEnv({ [name]: value })).toThrow(new RegExp(`^${name}=`));
      try {
        parseHookBenchEnv({ [name]: value });
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});
