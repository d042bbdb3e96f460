/**
 * The injected faults `exportHar` kept in a WebSocket entry's `_wavetrace.faults`
 * (docs/design.md#har-import-and-export), read back as `fault` events of that connection so a
 * HAR round trip judges them as the trace did (docs/design.md#fault-events-and-flags): a close a
 * fault caused stays `fault-injected`, and each fault keeps its recovery record. Entries that
 * are not a fault of a known kind and origin are skipped, never guessed.
 */
import type { ConnId, FaultEvent, FaultOrigin } from '../events';
import { FAULT_KINDS } from '../events';
import { isMs, isRec, type Rec } from './har-fields';
import type { ImportContext } from './import-context';

const ORIGINS: readonly FaultOrigin[] = ['panel', 'cli', 'test'];
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Pushes the `fault` events listed in `wt.faults` for connection `conn`; returns how many were read. */
export function importFaults(wt: Rec, conn: ConnId, ctx: ImportContext): number {
  if (!Array.isArray(wt.faults)) return 0;
  let n = 0;
  for (const f of wt.faults) {
    if (!isRec(f) || !isMs(f.t) || !(FAULT_KINDS as readonly unknown[]).includes(f.kind) || !(ORIGINS as readonly unknown[]).includes(f.origin)) continue;
    const e: Omit<FaultEvent, 'seq'> = { type: 'fault', t: f.t, kind: f.kind as FaultEvent['kind'], conn, origin: f.origin as FaultOrigin };
    if (typeof f.endpoint === 'string') e.endpoint = f.endpoint;
    if (typeof f.reason === 'string') e.reason = f.reason;
    if (isCount(f.code)) e.code = f.code;
    if (isCount(f.ms)) e.ms = f.ms;
    if (isCount(f.count)) e.count = f.count;
    if (f.status === 'network' || isCount(f.status)) e.status = f.status;
    ctx.push(f.t, e);
    n++;
  }
  return n;
}
