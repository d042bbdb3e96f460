/**
 * The half-open rule (docs/design.md#silence-and-heartbeats, docs/design.md#recovery-records):
 * a client must notice a dead link by itself — close the connection or open another one of its
 * session — within 2 × the heartbeat interval + the pong timeout after the last inbound frame.
 * One rule, two views: `half-open-undetected` (session-end-rules.ts) and the recovery step
 * `noticed-half-open` of a `freeze` fault (recovery-half-open.ts) both use these functions.
 * Times in ms since the epoch, durations in ms.
 */
import type { ConnState } from './connection-state';
import type { PassState } from './pass-state';

/** How long (ms) a silent link may go unnoticed: 2 × `intervalMs` + the pong timeout (0 without a pong matcher). */
export function halfOpenLimitMs(st: PassState, intervalMs: number): number {
  return 2 * intervalMs + (st.ctx.pongTimeoutMs ?? 0);
}

/** What the page did about a silent link: its own `close()` call, or a new connection of the session. */
export interface Notice {
  t: number;
  seq: number;
  how: 'close-call' | 'new-connection';
}

/**
 * The first sign that the page noticed a silence on `c` that began at `startT`: its own
 * `ws-close-call` on `c` (at any time) or the `ws-create` of another connection of the session
 * after `startT`, whichever comes first; undefined when neither happened. Frames the page never saw
 * (`faulted`) are not events of the pass, so they never count.
 */
export function firstNotice(st: PassState, c: ConnState, startT: number): Notice | undefined {
  let best: Notice | undefined;
  const call = c.info.closeCall;
  if (call) best = { t: call.t, seq: call.seq, how: 'close-call' };
  for (const o of st.connList) {
    if (o === c || o.sess !== c.sess) continue;
    const cr = o.info.created;
    if (cr.t > startT && (!best || cr.t < best.t)) best = { t: cr.t, seq: cr.seq, how: 'new-connection' };
  }
  return best;
}
