/**
 * The per-process CPU table of the hook benchmark: one block per kind and size, a line per
 * configuration, a column per process (./process-cpu.ts), each cell the CPU µs per frame as
 * `median (lo–hi)` over every counted burst (not only the best of each round). All lines start with `#` (context, no target).
 */
import { ROLES, ROLE_LEGEND, type CpuSample, type Role } from './process-cpu';
import { median } from './stats';

/** Runs of one configuration: CPU ns per process over the run, and the run's frame count. */
export interface CpuRuns {
  name: string;
  runs: { cpu: CpuSample; n: number }[];
}

const COLUMNS: (Role | 'total')[] = [...ROLES, 'total'];
const WIDTH = 18;

/** µs per frame of one column over the runs. */
function perFrame(c: CpuRuns, col: Role | 'total'): number[] {
  return c.runs.map((r) => (col === 'total' ? ROLES.reduce((a, k) => a + r.cpu[k], 0) : r.cpu[col]) / 1000 / r.n);
}

/** One cell: `median (lo–hi)` in µs with magnitude-dependent decimals, or `–` when the process is absent. */
function cell(xs: number[]): string {
  const f = xs.filter((x) => Number.isFinite(x));
  if (f.length === 0 || f.every((x) => x === 0)) return '–';
  const d = (v: number): string => v.toFixed(Math.abs(v) >= 100 ? 0 : 1);
  const m = median(f);
  return f.length > 1 ? `${d(m)} (${d(Math.min(...f))}–${d(Math.max(...f))})` : d(m);
}

/** The table block for one kind and size (`label`, e.g. "receive 100 B"). */
export function cpuTable(label: string, configs: CpuRuns[]): string[] {
  const runs = Math.max(0, ...configs.map((c) => c.runs.length));
  const nameWidth = Math.max(14, ...configs.map((c) => c.name.length)) + 2;
  const out = [`# per-process CPU, µs per frame, ${label} (median of ${runs} burst${runs === 1 ? '' : 's'}, lo–hi):`];
  out.push(`#   ${'configuration'.padEnd(nameWidth)}${COLUMNS.map((c) => c.padEnd(WIDTH)).join('')}`.trimEnd());
  for (const c of configs) out.push(`#   ${c.name.padEnd(nameWidth)}${COLUMNS.map((col) => cell(perFrame(c, col)).padEnd(WIDTH)).join('')}`.trimEnd());
  return out;
}

/** The legend of the table's columns, printed once. */
export function cpuLegend(): string[] {
  return ROLES.map((r) => `#   ${r}: ${ROLE_LEGEND[r]}`);
}
