/**
 * Injected faults in the analysis (docs/design.md#fault-events-and-flags): each `fault` event
 * is reported as `fault-injected` (info), and a close it caused (a `drop` or `close` on that
 * connection, or a socket a `refuse` kept from opening) is that finding, never
 * `close-abnormal`, `close-auth`, `close-server-abort` or an idle timeout blamed on the
 * network. What the client does next (reconnect, sync, resume) is judged as usual. Frames a
 * fault kept from their destination (`faulted`) are skipped by the analyzer altogether.
 */
import type { ConnId, FaultEvent, WsCloseEvent } from '../events';
import { formatDuration } from '../format';
import type { PassState } from './pass-state';
import { pongMissing } from './heartbeat-tracking';

/** Faults waiting for the close they cause, per connection (drop, close, a refused socket). */
export type PendingFaults = Map<ConnId, FaultEvent>;

/** One line describing a fault: "drop of connection a.1", "close 4001 "token expired" of connection a.1" … */
export function describeFault(f: FaultEvent): string {
  const on = f.conn !== undefined ? ` of connection ${String(f.conn)}` : '';
  switch (f.kind) {
    case 'drop':
      return `drop${on} (error, then close 1006)`;
    case 'close':
      return `close ${f.code ?? 1000}${f.reason ? ` "${f.reason}"` : ''}${on}`;
    case 'freeze':
      return `freeze${on}${f.ms !== undefined ? ` for ${formatDuration(f.ms)}` : ' until thawed'} (half-open: no frame in or out)`;
    case 'thaw':
      if (f.endpoint !== undefined && !/^wss?:\/\//i.test(f.endpoint)) return `stop failing sync requests (${f.endpoint})`;
      return `thaw${on}${f.endpoint !== undefined ? ` of refused ${f.endpoint}` : ''}${f.ms !== undefined ? ` (the ${formatDuration(f.ms)} freeze ran out)` : ''}`;
    case 'refuse':
      if (f.conn !== undefined) return `refusal of connection ${String(f.conn)} (error, then close 1006)`;
      return `refuse new sockets to ${f.endpoint ?? '(any endpoint)'}${f.ms !== undefined ? ` for ${formatDuration(f.ms)}` : ''}`;
    case 'fail-sync':
      return `fail the next ${f.count ?? 1} sync request${f.count === 1 ? '' : 's'} with ${f.status === 'network' ? 'a network error' : `HTTP ${f.status ?? 503}`}`;
    case 'skip':
      return `skip the next ${f.count ?? 1} inbound data frame${f.count === 1 ? '' : 's'}${on}`;
  }
}

/**
 * A `fault` event: drop and close, and a refuse naming the socket it refused, wait for the
 * close they cause; every other fault is reported now.
 */
export function onFault(st: PassState, pending: PendingFaults, f: FaultEvent): void {
  frozenWindow(st, f);
  if ((f.kind === 'drop' || f.kind === 'close' || f.kind === 'refuse') && f.conn !== undefined) {
    pending.set(f.conn, f);
    return;
  }
  st.ctx.emit('fault-injected', f.t, f.seq, [f.seq], `fault injected by the ${f.origin}: ${describeFault(f)}`, f.conn);
}

/**
 * True when this close was caused by a fault (then `fault-injected` is reported here): the
 * hook made it up (`synthetic`), or a drop/close fault on its connection is waiting for it.
 */
export function faultClose(st: PassState, pending: PendingFaults, e: WsCloseEvent): boolean {
  const f = pending.get(e.conn);
  if (!f && !e.synthetic) return false;
  pending.delete(e.conn);
  const what = f ? `${describeFault(f)}, by the ${f.origin}` : 'a refused connection';
  st.ctx.emit('fault-injected', e.t, e.seq, f ? [f.seq, e.seq] : [e.seq], `connection ${String(e.conn)} closed ${e.code}${e.reason ? ` "${e.reason}"` : ''}: fault injected (${what})`, e.conn);
  return true;
}

/**
 * Keeps the frozen windows of each connection (docs/design.md#silence-and-heartbeats): a
 * `freeze` starts one, a `thaw`, `drop` or `close` of that connection ends it (so do the page's
 * `close()` and the connection's end, connection-lifecycle.ts). A ping still waiting for its
 * pong when the freeze starts is no longer awaited — the freeze keeps the answer from the
 * page, or the page's answer from the wire — unless it was already overdue.
 */
function frozenWindow(st: PassState, f: FaultEvent): void {
  const c = f.conn !== undefined ? st.conns.get(f.conn) : undefined;
  if (!c) return;
  if (f.kind === 'thaw' || f.kind === 'drop' || f.kind === 'close') c.endFreeze(f.t);
  if (f.kind !== 'freeze' || !c.alive || c.frozenSince >= 0) return;
  c.frozenSince = f.t;
  if (c.pendPingT < 0) return;
  const timeout = st.ctx.pongTimeoutMs;
  if (timeout !== undefined && f.t - c.pendPingT > timeout) pongMissing(st, c, undefined, f.seq, f.t);
  c.pendPingT = -1;
}

/** Drop/close faults whose close never came (the capture ended first): reported at the fault. */
export function finishFaults(st: PassState, pending: PendingFaults): void {
  for (const f of pending.values()) st.ctx.emit('fault-injected', f.t, f.seq, [f.seq], `fault injected by the ${f.origin}: ${describeFault(f)}`, f.conn);
  pending.clear();
}
