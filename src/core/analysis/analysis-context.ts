/**
 * Profile-derived constants and the finding sink shared by the rules of one analysis run
 * (docs/design.md#profile-fields, limits of docs/design.md#analysis). Durations in ms.
 */
import type { ConnId, ReqId } from '../events';
import type { Profile } from '../profile/types';
import { FINDING_CODES } from './finding-codes';
import type { Finding, FindingCode } from './types';

/** Constants of one run plus the list findings are emitted into. */
export class AnalysisContext {
  readonly profile: Profile;
  readonly findings: Finding[] = [];
  /** `heartbeat.intervalMs`, or undefined when the profile has no heartbeat (a hello may announce another per connection). */
  readonly hbIntervalMs: number | undefined;
  /** How long a ping may wait for its pong: `pongTimeoutMs`, else `intervalMs`; undefined without a pong matcher. */
  readonly pongTimeoutMs: number | undefined;
  /** Name of the position field for messages ("stream_position"). */
  readonly positionName: string;
  readonly contiguous: boolean;
  /** Sync endpoint path and cursor parameter (HTTP sync), when the profile has them. */
  readonly syncPath: string | undefined;
  readonly syncParam: string | undefined;
  readonly syncResponsePositions: string | undefined;
  readonly idleTimeoutsMs: readonly number[];

  constructor(profile: Profile) {
    this.profile = profile;
    const hb = profile.heartbeat;
    this.hbIntervalMs = hb && hb.intervalMs > 0 ? hb.intervalMs : undefined;
    this.pongTimeoutMs = hb?.pong ? (hb.pongTimeoutMs ?? hb.intervalMs) : undefined;
    this.positionName = profile.position?.path ?? 'position';
    this.contiguous = profile.position?.contiguous === true;
    this.syncPath = profile.sync?.urlPath;
    this.syncParam = profile.sync?.param;
    this.syncResponsePositions = profile.sync?.responsePositions;
    this.idleTimeoutsMs = profile.idleTimeoutsMs ?? [];
  }

  /**
   * How the expected sync looks in a message: `GET /v1/sync?since=42` for HTTP syncs, or
   * `a sync frame with d.seq=42` for in-band resume; `cursor` undefined → `<last position>`.
   */
  syncLabel(cursor: number | string | undefined): string {
    const c = cursor === undefined ? '<last position>' : String(cursor);
    const s = this.profile.sync;
    if (s?.urlPath) return `GET ${s.urlPath}${s.param ? `?${s.param}=${c}` : ''}`;
    if (s?.frame) return `a sync frame with ${s.cursorPath ?? 'cursor'}=${c}`;
    return `a sync (since=${c})`;
  }

  /**
   * Adds a finding with the severity of its code (docs/design.md#finding-codes table) and returns it.
   * `t` ms since the epoch; `seq` the anchor event; `evidence` seqs (sorted here).
   */
  emit(
    code: FindingCode,
    t: number,
    seq: number,
    evidence: number[],
    message: string,
    conn?: ConnId,
    req?: ReqId,
    hint?: string,
  ): Finding {
    const spec = FINDING_CODES[code];
    const f: Finding = { code, severity: spec.severity, t, seq, evidence: sortUnique(evidence), message, hint: hint ?? spec.hint };
    if (conn !== undefined) f.conn = conn;
    if (req !== undefined) f.req = req;
    this.findings.push(f);
    return f;
  }
}

function sortUnique(a: number[]): number[] {
  if (a.length < 2) return a;
  a.sort((x, y) => x - y);
  let w = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[w - 1]) a[w++] = a[i] as number;
  a.length = w;
  return a;
}
