/**
 * `wavetrace record --fault <spec>`: while recording, applies each fault at its time after the
 * page loaded, aimed at the newest open connection at that moment, through the panel's
 * automation handle (the same path as the panel's Break menu), docs/design.md#fault-commands.
 */
import type { FaultCommand } from '../../core/fault/fault-command';
import { faultSpecLabel, type FaultSpec } from '../../core/fault/fault-spec';
import { sleepUnlessStopped } from './interrupt';

/** Evaluates a JavaScript expression on the panel page and returns its value. */
export type PanelEval = <T>(expression: string) => Promise<T>;

/** The command for `spec` aimed at connection `target` ({conn, url}), or a reason it cannot apply. */
export function commandFor(spec: FaultSpec, target: { conn: string | number; url: string } | undefined): FaultCommand | string {
  const base = { kind: spec.kind, origin: 'cli' as const };
  if (spec.kind === 'fail-sync') return { ...base, count: spec.count ?? 1, status: spec.status ?? 503 };
  if (!target) return `no open connection for ${spec.kind}@${spec.atS}`;
  if (spec.kind === 'refuse') return { ...base, endpoint: target.url.split(/[?#]/)[0] ?? target.url, ms: spec.ms ?? 0 };
  const cmd: FaultCommand = { ...base, conn: target.conn };
  if (spec.code !== undefined) cmd.code = spec.code;
  if (spec.reason !== undefined) cmd.reason = spec.reason;
  if (spec.ms !== undefined) cmd.ms = spec.ms;
  if (spec.count !== undefined) cmd.count = spec.count;
  return cmd;
}

/**
 * Waits `durationS` seconds, applying each fault at its time (log lines say what was applied to
 * what). Ends early, applying no further fault, once `stop` is aborted (Ctrl-C, docs/design.md#record).
 */
export async function recordWithFaults(evaluate: PanelEval, specs: readonly FaultSpec[], durationS: number, log: (line: string) => void, stop?: AbortSignal): Promise<void> {
  const start = Date.now();
  const sleepUntil = (s: number) => sleepUnlessStopped(start + s * 1000 - Date.now(), stop);
  for (const spec of [...specs].sort((a, b) => a.atS - b.atS)) {
    if (stop?.aborted) return;
    if (spec.atS > durationS) {
      log(`fault ${faultSpecLabel(spec)}@${spec.atS} is after the end of the recording (${durationS} s): not applied`);
      continue;
    }
    await sleepUntil(spec.atS);
    if (stop?.aborted) return;
    const target = await evaluate<{ conn: string | number; url: string } | undefined>('globalThis.wavetrace.newestOpenConnection()');
    const cmd = commandFor(spec, target ?? undefined);
    if (typeof cmd === 'string') {
      log(cmd);
      continue;
    }
    const why = await evaluate<string>(`globalThis.wavetrace.fault(${JSON.stringify(cmd)})`);
    log(why ? `fault ${faultSpecLabel(spec)}@${spec.atS} not applied: ${why}` : `fault ${faultSpecLabel(spec)}@${spec.atS} applied${cmd.conn !== undefined ? ` to connection ${String(cmd.conn)}` : ''}`);
  }
  await sleepUntil(durationS);
}

/** Takes every `--fault <spec>` / `--fault=<spec>` out of `argv` (the option repeats): the specs and the rest. */
export function takeFaultArgs(argv: readonly string[]): { specs: string[]; rest: string[] } {
  const specs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--fault') specs.push(argv[++i] ?? '');
    else if (a.startsWith('--fault=')) specs.push(a.slice('--fault='.length));
    else rest.push(a);
  }
  return { specs, rest };
}
