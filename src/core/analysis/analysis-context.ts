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
  /** `sync.bodyPath`: the cursor in the sync request's JSON body. */
  readonly syncBodyPath: string | undefined;
  /** `sync.resumeParam`: the cursor in the resuming socket's URL. */
  readonly resumeParam: string | undefined;
  /** `position.opaque`: positions are cursor strings, compared for equality only. */
  readonly opaque: boolean;
  readonly idleTimeoutsMs: readonly number[];
  private readonly hints = new Map<FindingCode, string>();

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
    this.syncBodyPath = profile.sync?.bodyPath;
    this.resumeParam = profile.sync?.resumeParam;
    this.opaque = profile.position?.opaque === true;
    this.idleTimeoutsMs = profile.idleTimeoutsMs ?? [];
  }

  /**
   * How the expected sync looks in a message: `GET /v1/sync?since=42` for HTTP syncs, or
   * `a sync frame with d.seq=42` for in-band resume; `cursor` undefined → `<last position>`.
   */
  syncLabel(cursor: number | string | undefined): string {
    const c = cursor === undefined ? '<last position>' : String(cursor);
    const s = this.profile.sync;
    if (s?.urlPath && s.bodyPath && !s.param) return `POST ${s.urlPath} with ${s.bodyPath}=${c} in its body`;
    if (s?.urlPath) return `GET ${s.urlPath}${s.param ? `?${s.param}=${c}` : ''}`;
    if (s?.resumeParam) return `a reconnect URL with ?${s.resumeParam}=${c}`;
    if (s?.frame) return `a sync frame with ${s.cursorPath ?? 'cursor'}=${c}`;
    return `a sync (since=${c})`;
  }

  /**
   * The default hint of `code` for this profile (docs/design.md#cursors-and-catch-up "Hints"):
   * the code table's hint; under any profile but scaiwave its quotes of the ScaiWave
   * troubleshooting guide are dropped, the sync hints name the profile's own catch-up, and
   * the profile's `docs` is named.
   */
  hintOf(code: FindingCode): string {
    const hit = this.hints.get(code);
    if (hit !== undefined) return hit;
    let h = FINDING_CODES[code].hint;
    if (this.profile.name !== 'scaiwave') {
      h = h.replace(SCAIWAVE_QUOTE, '');
      if (code === 'sync-skipped') h = `after reconnecting, catch up with ${this.syncLabel(undefined)} before handling stream frames`;
      else if (code === 'sync-cursor-missing') h = `send the last processed position as the cursor: ${this.syncLabel(undefined)}`;
      const docs = this.profile.docs;
      if (docs && /^(sync|position|heartbeat|pong|reconnect|auth|close|tenant|idle)/.test(code)) h += ` (see ${docs})`;
    }
    this.hints.set(code, h);
    return h;
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
    const f: Finding = { code, severity: spec.severity, t, seq, evidence: sortUnique(evidence), message, hint: hint ?? this.hintOf(code) };
    if (conn !== undefined) f.conn = conn;
    if (req !== undefined) f.req = req;
    this.findings.push(f);
    return f;
  }
}

/** The ScaiWave troubleshooting guide is quoted only under the scaiwave profile. */
const SCAIWAVE_QUOTE = /\s*\(ScaiWave troubleshooting guide[^)]*(?:\([^)]*\)[^)]*)*\)/g;

function sortUnique(a: number[]): number[] {
  if (a.length < 2) return a;
  a.sort((x, y) => x - y);
  let w = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[w - 1]) a[w++] = a[i] as number;
  a.length = w;
  return a;
}
