/**
 * The CLI's fault spec (docs/design.md#record): `<kind>[:<arg>…]@<seconds after load>`, aimed
 * at the newest open connection at that moment. `drop@5`, `close:4001[:reason]@5`,
 * `freeze[:ms]@8`, `refuse:ms@8` (the newest connection's endpoint), `fail-sync:status|network[:count]@0`,
 * `skip:count@6`, `thaw@20`.
 */
import type { FaultKind } from '../events';
import { FAULT_KINDS } from '../events';
import { unsendableCloseCodeError } from './fault-command';

/** A parsed spec: the command's fields without its target, and when to apply it. */
export interface FaultSpec {
  kind: FaultKind;
  /** Seconds after the page loaded. */
  atS: number;
  code?: number;
  reason?: string;
  ms?: number;
  count?: number;
  status?: number | 'network';
}

const whole = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

/** Parses one spec; throws an Error with a one-line reason when it is not valid (also a close code no close frame carries: 1005, 1006, 1015). */
export function parseFaultSpec(spec: string): FaultSpec {
  const bad = (why: string): Error => new Error(`bad --fault "${spec}": ${why}`);
  const at = spec.lastIndexOf('@');
  if (at < 0) throw bad('expected <kind>[:<arg>…]@<seconds after load>, e.g. drop@5');
  const atS = Number(spec.slice(at + 1));
  if (spec.slice(at + 1).trim() === '' || !Number.isFinite(atS) || atS < 0) throw bad('the time after @ must be seconds ≥ 0');
  const [kind, ...args] = spec.slice(0, at).split(':');
  if (!(FAULT_KINDS as readonly string[]).includes(kind ?? '')) throw bad(`unknown kind "${kind}" (drop, close, freeze, thaw, refuse, fail-sync, skip)`);
  const out: FaultSpec = { kind: kind as FaultKind, atS };
  const arg0 = args[0];
  switch (out.kind) {
    case 'drop':
    case 'thaw':
      if (args.length > 0) throw bad(`${out.kind} takes no arguments`);
      break;
    case 'close': {
      const code = whole(arg0);
      if (code === undefined || code < 1000 || code > 4999) throw bad('close needs a code from 1000 to 4999, e.g. close:4001@5');
      const unsendable = unsendableCloseCodeError(code);
      if (unsendable) throw bad(unsendable);
      out.code = code;
      if (args.length > 1) out.reason = args.slice(1).join(':');
      break;
    }
    case 'freeze':
    case 'refuse': {
      if (args.length > 1) throw bad(`${out.kind} takes one argument (ms)`);
      const ms = whole(arg0);
      if (arg0 !== undefined && (ms === undefined || ms < 1)) throw bad(`${out.kind} ms must be a whole number of milliseconds ≥ 1`);
      if (out.kind === 'refuse' && ms === undefined) throw bad('refuse needs ms, e.g. refuse:5000@8');
      if (ms !== undefined) out.ms = ms;
      break;
    }
    case 'fail-sync': {
      if (arg0 === 'network') out.status = 'network';
      else {
        const status = whole(arg0);
        if (status === undefined || status < 200 || status > 599) throw bad('fail-sync needs an HTTP status (200–599) or "network", e.g. fail-sync:503:2@0');
        out.status = status;
      }
      const count = args[1] === undefined ? 1 : whole(args[1]);
      if (count === undefined || count < 1 || args.length > 2) throw bad('fail-sync count must be a whole number ≥ 1');
      out.count = count;
      break;
    }
    case 'skip': {
      const count = whole(arg0);
      if (count === undefined || count < 1 || args.length > 1) throw bad('skip needs a count ≥ 1, e.g. skip:3@6');
      out.count = count;
      break;
    }
  }
  return out;
}

/**
 * The spec as the user typed it, without its time ("close:4001:expired", "freeze:20000",
 * "fail-sync:503:1", "drop"), for log lines. `fail-sync` always shows its count (default 1).
 */
export function faultSpecLabel(spec: FaultSpec): string {
  const args: (string | number)[] = [];
  if (spec.kind === 'close') {
    if (spec.code !== undefined) args.push(spec.code);
    if (spec.reason !== undefined) args.push(spec.reason);
  } else if (spec.kind === 'freeze' || spec.kind === 'refuse') {
    if (spec.ms !== undefined) args.push(spec.ms);
  } else if (spec.kind === 'fail-sync') {
    if (spec.status !== undefined) args.push(spec.status);
    if (spec.count !== undefined) args.push(spec.count);
  } else if (spec.kind === 'skip' && spec.count !== undefined) args.push(spec.count);
  return [spec.kind, ...args].join(':');
}
