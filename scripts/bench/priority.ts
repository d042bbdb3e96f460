/**
 * Optional raised scheduling priority for the hook benchmark's processes (BENCH_NICE; method:
 * scripts/bench/README.md, "How it measures throughput"). Every thread of the bench's own
 * processes (its Node process, every process of every bench browser) is moved `shift` nice
 * levels up from the value it had, so that Chromium's own order between its threads (it sets
 * the browser and GPU threads to -8 and background renderers to 5, as absolute values) is kept
 * and only other users of the machine fall behind. Linux only (`/proc/<pid>/task`,
 * setpriority(2) on a thread id); needs CAP_SYS_NICE (root) to go below 0.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of a thread, from field 19 of `/proc/<pid>/task/<tid>/stat` (proc(5)). */
function niceOf(pid: number, tid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[16]);
  } catch {
    return undefined;
  }
}

/** Raises threads' priority by a fixed shift and keeps it raised as threads come and go. */
export interface PriorityRaiser {
  /**
   * Moves every thread of `pids` not yet moved (or moved back since, as Chromium does when a
   * tab changes visibility) `shift` levels up from its current nice value (clamped to -20).
   * @returns the number of threads moved this time
   * @throws the setpriority error (EACCES without CAP_SYS_NICE) for the first thread that fails
   */
  apply(pids: number[]): number;
}

/** A raiser for a shift of `shift` nice levels (a negative number: -10 is ten levels up). */
export function priorityRaiser(shift: number): PriorityRaiser {
  const set = new Map<string, number>();
  return {
    apply(pids) {
      let moved = 0;
      for (const pid of pids) {
        let tids: string[];
        try {
          tids = readdirSync(`/proc/${pid}/task`);
        } catch {
          continue;
        }
        for (const tid of tids) {
          const key = `${pid}/${tid}`;
          const now = niceOf(pid, tid);
          if (now === undefined || set.get(key) === now) continue;
          const to = Math.max(-20, Math.min(19, now + shift));
          try {
            setPriority(Number(tid), to);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ESRCH') continue; // the thread ended
            throw e;
          }
          set.set(key, to);
          moved++;
        }
      }
      return moved;
    },
  };
}
