/**
 * What else ran on the machine while the hook benchmark's bursts ran (method:
 * scripts/bench/README.md, "How it measures throughput"): the `#` line printed per kind and
 * size, and the share of other users of the machine from which a row says it was contended.
 */
import { availableParallelism } from 'node:os';
import { median, range } from './stats';

const cores = availableParallelism();

/**
 * What else ran on the machine during one burst, ms of CPU (all cores): the bench's other
 * browsers (idle, they should be quiet), the bench's own Node process (driver and server), other
 * users of the machine (whole-machine busy time from `/proc/stat` minus all of the bench's), and
 * the hypervisor's steal. NaN off Linux.
 */
export interface Interference { wallMs: number; idleMs: number; nodeMs: number; foreignMs: number; stealMs: number }

/**
 * What else ran while a kind and size's bursts ran, as a `#` line: shares of the machine's
 * capacity (cores × wall time of the bursts), median over the bursts and their range.
 */
export function interferenceLine(label: string, xs: Interference[]): string {
  const share = (f: (x: Interference) => number): string => {
    const v = xs.map((x) => (100 * f(x)) / (x.wallMs * cores));
    return `${median(v).toFixed(0)} %${v.length > 1 ? ` (${range(v, 0)})` : ''}`;
  };
  return `# ${label} while its bursts ran, share of the machine's ${cores} cores: other users ${share((x) => x.foreignMs)}, idle bench browsers ${share((x) => x.idleMs)}, bench server and driver ${share((x) => x.nodeMs)}, steal ${share((x) => x.stealMs)}`;
}
/** Other users' share (0–1) of the machine's capacity (cores × the burst's wall time) during a burst. */
export const foreignShare = (x: Interference): number => x.foreignMs / (x.wallMs * cores);
/**
 * From this median share of other users over a kind and size's bursts, its rows say so: their
 * ratios then mostly measure how the others' load fell on each burst (scripts/bench/README.md).
 */
export const CONTENDED = 0.1;

