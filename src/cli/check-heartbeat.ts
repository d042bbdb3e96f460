/**
 * The heartbeat part of `wavetrace check` per connection (docs/design.md#check): which frames
 * were taken for pings and pongs, and the interval judged against with its origin — the
 * profile's default, announced by one side (Engine.IO `pingInterval`, MQTT Keep Alive), or
 * negotiated by both (STOMP `heart-beat`). Durations in ms.
 */
import type { HeartbeatInfo } from '../core/analysis';
import { formatDuration } from '../core/format';

/** `summary.connections[].heartbeat` of the JSON output. */
export interface SummaryHeartbeat {
  pings: number;
  pongs: number;
  /** `seq` of the first pings / pongs (at most 20 each). */
  pingSeqs: number[];
  pongSeqs: number[];
  missedPongs: number;
  maxPingGapMs: number;
  /** The interval in use, ms; null when the connection has no heartbeat. */
  intervalMs: number | null;
  /** `profile` default, `announced`, `negotiated`; null without heartbeat. */
  intervalSource: 'profile' | 'announced' | 'negotiated' | null;
  /** `seq` of the frame or HTTP response that set the interval; null for the profile default. */
  intervalSeq: number | null;
  /** Negotiated heart-beats per direction, ms (0 = none); null when not negotiated. */
  negotiated: { out: number; in: number } | null;
}

/** The JSON form of a connection's heartbeat. */
export function heartbeatSummary(hb: HeartbeatInfo): SummaryHeartbeat {
  return {
    pings: hb.pings,
    pongs: hb.pongs,
    pingSeqs: hb.pingSeqs,
    pongSeqs: hb.pongSeqs,
    missedPongs: hb.missedPongs,
    maxPingGapMs: hb.maxPingGapMs,
    intervalMs: hb.intervalMs ?? null,
    intervalSource: hb.intervalMs === undefined && hb.intervalSource !== 'negotiated' && hb.intervalSource !== 'announced' ? null : (hb.intervalSource ?? null),
    intervalSeq: hb.intervalSeq ?? null,
    negotiated: hb.negotiated ?? null,
  };
}

function seqs(list: number[], n: number): string {
  if (n === 0) return '';
  return ` (seq ${list.join(', ')}${n > list.length ? ', …' : ''})`;
}

/**
 * One text line, e.g. `heartbeat: 6 pings (seq 6, 7, …), 0 pongs; interval 2.0 s negotiated
 * at seq 5 (client→server 2.0 s, server→client none)`.
 */
export function heartbeatLine(hb: HeartbeatInfo): string {
  const counts = `${hb.pings} ping${hb.pings === 1 ? '' : 's'}${seqs(hb.pingSeqs, hb.pings)}, ${hb.pongs} pong${hb.pongs === 1 ? '' : 's'}${seqs(hb.pongSeqs, hb.pongs)}`;
  const missed = hb.missedPongs ? `, ${hb.missedPongs} unanswered` : '';
  let interval: string;
  const neg = hb.negotiated;
  const dir = (ms: number) => (ms > 0 ? formatDuration(ms) : 'none');
  if (hb.intervalSource === 'negotiated' && neg) {
    interval = hb.intervalMs === undefined ? `no heartbeat, negotiated at seq ${hb.intervalSeq}` : `interval ${formatDuration(hb.intervalMs)} negotiated at seq ${hb.intervalSeq}`;
    interval += ` (client→server ${dir(neg.out)}, server→client ${dir(neg.in)})`;
  } else if (hb.intervalSource === 'announced') {
    interval = hb.intervalMs === undefined ? `no heartbeat, announced at seq ${hb.intervalSeq}` : `interval ${formatDuration(hb.intervalMs)} announced at seq ${hb.intervalSeq}`;
  } else if (hb.intervalMs !== undefined) {
    interval = `interval ${formatDuration(hb.intervalMs)} from the profile`;
  } else {
    interval = 'no heartbeat in the profile';
  }
  return `heartbeat: ${counts}${missed}; ${interval}`;
}
