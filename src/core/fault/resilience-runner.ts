/**
 * The resilience check's state machine (docs/design.md#record): walks a {@link ResiliencePlan}
 * against a live capture. Pure and deterministic: each {@link ResilienceRunner.tick} reads the
 * events captured so far and the time, and says what to do next — send a fault command, wait
 * (until a time, or until more events arrive), or stop. The panel drives it with its store's
 * events and the wall clock; tests drive it with made-up events and a fake clock.
 *
 * A wait ends on a condition read from the events, or at its timeout:
 * - settle: the target session's newest connection has been open `backoff.stableAfterMs`;
 * - recover: a connection of the session created after the last fault opened and got an inbound
 *   data frame (not a hello, heartbeat or a frame a fault kept from the page);
 * - notice: the frozen connection was closed (by the page or the server), or the session
 *   opened another connection.
 * An action ends when the hook recorded its `fault` event (the command applied).
 */
import type { ConnId, FaultKind, FaultOrigin, TraceEvent } from '../events';
import type { FaultCommand } from './fault-command';
import type { Profile } from '../profile/types';
import { createClassifier, type Classifier } from '../profile/classify';
import { sessionKey, sessionKeyPattern, urlPath, type SessionPattern } from '../analysis/url-parts';
import { APPLY_WAIT_MS, START_WAIT_MS, type ResiliencePlan, type ResilienceStep } from './resilience-plan';

/** How a check ended: all steps ran; stopped midway (the client never came back); it could not start; cancelled. */
export type ResilienceOutcome = 'completed' | 'stopped' | 'could-not-run' | 'cancelled';

/** What the driver does next. `wait`: tick again at `untilMs` (ms since the epoch) or when new events arrive. */
export type RunnerAction = { kind: 'command'; command: FaultCommand } | { kind: 'wait'; untilMs: number } | { kind: 'done'; outcome: ResilienceOutcome; reason: string };

/** Where a check stands (times in ms; `t` values in ms since the epoch). */
export interface ResilienceProgress {
  /** Index of the current step in the plan's steps (−1 while waiting for a connection; once done, the step it stopped at, or `steps.length` when completed). */
  step: number;
  steps: number;
  /** The current group's name and step label (or what the check waits for before starting). */
  group: string;
  label: string;
  /** Since the current step started. */
  elapsedMs: number;
  /** Until the current step's deadline. */
  remainingMs: number;
  /** Upper bound until the whole check ends: the current step's remaining time plus every later step's timeout. */
  totalRemainingMs: number;
  /** `seq` of the `fault` events the check caused, in order. */
  faults: number[];
  /** Set once done. */
  outcome?: ResilienceOutcome;
  reason?: string;
}

interface ConnSeen {
  conn: ConnId;
  session: string;
  path: string;
  created: number;
  openedT?: number;
  closed: boolean;
  closeCalled: boolean;
  /** `seq` of the first inbound data frame the page saw. */
  data?: number;
}

/** Runs one check (see the module comment). */
export class ResilienceRunner {
  private scanned = 0;
  private readonly conns = new Map<string, ConnSeen>();
  private readonly order: ConnSeen[] = [];
  private readonly classify: Classifier;
  private readonly pattern: SessionPattern | undefined;
  private readonly faultsSeen: { seq: number; kind: FaultKind; conn?: ConnId }[] = [];
  private readonly issued: number[] = [];
  private session: string | undefined;
  private index = -1;
  private stepStart: number;
  /** The command of the current action, once sent: which `fault` event to wait for, and after which seq. */
  private sent: { kind: FaultKind; conn?: ConnId; after: number } | undefined;
  /** The frozen connection while a freeze is on. */
  private frozen: ConnId | undefined;
  private done: { outcome: ResilienceOutcome; reason: string } | undefined;

  /**
   * @param plan the sequence (planResilience)
   * @param profile the profile the capture is read with (sessions, data frames, `backoff.stableAfterMs`)
   * @param origin who asks (`panel` or `cli`), written into every command
   * @param startT when the check starts, ms since the epoch
   * @param startWaitMs how long to wait for an open connection before giving up (default 10000)
   */
  constructor(
    readonly plan: ResiliencePlan,
    private readonly profile: Profile,
    private readonly origin: FaultOrigin,
    private readonly startT: number,
    private readonly startWaitMs = START_WAIT_MS,
  ) {
    this.classify = createClassifier(profile);
    this.pattern = sessionKeyPattern(profile.session);
    this.stepStart = startT;
  }

  /** Next action for the events captured so far (append-only; only new ones are read) at time `now`. */
  tick(events: readonly TraceEvent[], now: number): RunnerAction {
    this.scan(events);
    if (this.done) return { kind: 'done', ...this.done };
    if (this.index < 0) {
      const open = this.newestOpen(undefined);
      if (open) {
        this.session = open.session;
        return this.advance(events, now);
      }
      if (now - this.startT >= this.startWaitMs) return this.finish('could-not-run', `no WebSocket connection was open within ${Math.round(this.startWaitMs / 1000)} s`);
      return { kind: 'wait', untilMs: this.startT + this.startWaitMs };
    }
    const step = this.plan.steps[this.index]!;
    if (isAction(step)) return this.act(step, events, now);
    const deadline = this.stepStart + step.timeoutMs;
    if (this.waitOver(step, now)) return this.advance(events, now);
    if (now >= deadline) {
      if (step.kind === 'settle' && !this.newestOpen(this.session)) return this.finish('stopped', `no open connection ${Math.round(step.timeoutMs / 1000)} s after the last fault: the client did not come back`);
      return this.advance(events, now);
    }
    // A settle also ends by time alone: when the open connection reaches `stableAfterMs`.
    const open = step.kind === 'settle' ? this.newestOpen(this.session) : undefined;
    const ripe = open?.openedT !== undefined ? open.openedT + this.profile.backoff.stableAfterMs : Infinity;
    return { kind: 'wait', untilMs: Math.min(deadline, ripe) };
  }

  /** Ends the check: the commands that undo a fault still on (a freeze is thawed), then call no more ticks. */
  cancel(events: readonly TraceEvent[], now: number): FaultCommand[] {
    this.scan(events);
    const undo: FaultCommand[] = [];
    if (this.frozen !== undefined && this.isOpen(this.frozen)) undo.push({ kind: 'thaw', conn: this.frozen, origin: this.origin });
    this.frozen = undefined;
    if (!this.done) this.finish('cancelled', `cancelled after ${Math.round((now - this.startT) / 1000)} s`);
    return undo;
  }

  /** Where the check stands at `now`. */
  progress(now: number): ResilienceProgress {
    const steps = this.plan.steps;
    const step = this.index >= 0 ? steps[this.index] : undefined;
    const bound = step ? (isAction(step) ? APPLY_WAIT_MS : step.timeoutMs) : this.startWaitMs;
    const remaining = this.done ? 0 : Math.max(0, (this.index < 0 ? this.startT : this.stepStart) + bound - now);
    let later = 0;
    if (!this.done) for (let i = Math.max(0, this.index + 1); i < steps.length; i++) later += steps[i]!.timeoutMs;
    const p: ResilienceProgress = {
      step: Math.min(this.index, steps.length),
      steps: steps.length,
      group: step ? this.plan.groups[step.group]!.name : 'Start',
      label: step ? step.label : 'wait for an open WebSocket connection',
      elapsedMs: now - (this.index < 0 ? this.startT : this.stepStart),
      remainingMs: remaining,
      totalRemainingMs: remaining + later,
      faults: [...this.issued],
    };
    if (this.done) {
      p.outcome = this.done.outcome;
      p.reason = this.done.reason;
    }
    return p;
  }

  /** An action step: send its command once, then wait for its `fault` event. */
  private act(step: ResilienceStep, events: readonly TraceEvent[], now: number): RunnerAction {
    if (this.sent) {
      const s = this.sent;
      const hit = this.faultsSeen.find((f) => f.seq > s.after && f.kind === s.kind && (s.conn === undefined || String(f.conn) === String(s.conn)));
      if (hit) {
        this.issued.push(hit.seq);
        if (s.kind === 'freeze') this.frozen = s.conn;
        if (step.kind === 'end-freeze') this.frozen = undefined;
        return this.advance(events, now);
      }
      if (now - this.stepStart >= APPLY_WAIT_MS) {
        const why = `the page did not apply "${step.label}" within ${APPLY_WAIT_MS / 1000} s (is the tab still hooked?)`;
        return this.finish(this.issued.length === 0 ? 'could-not-run' : 'stopped', why);
      }
      return { kind: 'wait', untilMs: this.stepStart + APPLY_WAIT_MS };
    }
    const mark = lastSeq(events);
    if (step.kind === 'arm-fail-sync') return this.send({ kind: 'fail-sync', count: 1, status: 503, origin: this.origin }, mark, now);
    if (step.kind === 'end-freeze') {
      const f = this.frozen;
      // Noticed (closed by the page, or by the server): nothing left to end.
      if (f === undefined || !this.isOpen(f) || this.conns.get(String(f))?.closeCalled) {
        this.frozen = undefined;
        return this.advance(events, now);
      }
      return this.send({ kind: 'drop', conn: f, origin: this.origin }, mark, now);
    }
    const target = this.newestOpen(this.session);
    if (!target) {
      // The client may be between connections (it closed one itself): give it the start wait to open the next.
      if (now - this.stepStart < this.startWaitMs) return { kind: 'wait', untilMs: this.stepStart + this.startWaitMs };
      return this.finish('stopped', `no open connection within ${Math.round(this.startWaitMs / 1000)} s to ${step.label}`);
    }
    if (step.kind === 'drop') return this.send({ kind: 'drop', conn: target.conn, origin: this.origin }, mark, now);
    if (step.kind === 'freeze') return this.send({ kind: 'freeze', conn: target.conn, origin: this.origin }, mark, now);
    return this.send({ kind: 'close', conn: target.conn, code: step.code ?? 4000, reason: '', origin: this.origin }, mark, now);
  }

  private send(command: FaultCommand, after: number, now: number): RunnerAction {
    this.sent = { kind: command.kind, after, ...(command.conn !== undefined ? { conn: command.conn } : {}) };
    this.stepStart = now;
    return { kind: 'command', command };
  }

  /** True when the current wait's condition holds. */
  private waitOver(step: ResilienceStep, now: number): boolean {
    if (step.kind === 'settle') {
      const c = this.newestOpen(this.session);
      return c !== undefined && c.openedT !== undefined && now - c.openedT >= this.profile.backoff.stableAfterMs;
    }
    const last = this.issued[this.issued.length - 1] ?? 0;
    const after = this.order.filter((c) => c.session === this.session && c.created > last);
    if (step.kind === 'recover') return after.some((c) => c.data !== undefined);
    if (step.kind === 'notice') {
      const f = this.frozen === undefined ? undefined : this.conns.get(String(this.frozen));
      return f === undefined || f.closed || f.closeCalled || after.length > 0;
    }
    return true;
  }

  private advance(events: readonly TraceEvent[], now: number): RunnerAction {
    this.index++;
    this.sent = undefined;
    this.stepStart = now;
    if (this.index >= this.plan.steps.length) return this.finish('completed', 'every step ran');
    return this.tick(events, now);
  }

  private finish(outcome: ResilienceOutcome, reason: string): RunnerAction {
    this.done = { outcome, reason };
    return { kind: 'done', outcome, reason };
  }

  private isOpen(conn: ConnId): boolean {
    const c = this.conns.get(String(conn));
    return c !== undefined && c.openedT !== undefined && !c.closed;
  }

  /** The newest open connection (of `session` when given; else preferring the profile's `match.urlPath`). */
  private newestOpen(session: string | undefined): ConnSeen | undefined {
    let any: ConnSeen | undefined;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const c = this.order[i]!;
      if (c.openedT === undefined || c.closed || (session !== undefined && c.session !== session)) continue;
      const want = this.profile.match?.urlPath;
      if (session !== undefined || !want || c.path === want) return c;
      any ??= c;
    }
    return any;
  }

  private scan(events: readonly TraceEvent[]): void {
    for (; this.scanned < events.length; this.scanned++) {
      const e = events[this.scanned]!;
      switch (e.type) {
        case 'ws-create': {
          const c: ConnSeen = { conn: e.conn, session: sessionKey(e.url, this.pattern), path: urlPath(e.url), created: e.seq, closed: false, closeCalled: false };
          this.conns.set(String(e.conn), c);
          this.order.push(c);
          break;
        }
        case 'ws-open': {
          const c = this.conns.get(String(e.conn));
          if (c) c.openedT = e.t;
          break;
        }
        case 'ws-close': {
          const c = this.conns.get(String(e.conn));
          if (c) c.closed = true;
          break;
        }
        case 'ws-close-call': {
          const c = this.conns.get(String(e.conn));
          if (c && e.error === undefined) c.closeCalled = true;
          break;
        }
        case 'ws-message':
        case 'ws-send': {
          const cls = this.classify(e);
          const c = this.conns.get(String(e.conn));
          if (c && e.type === 'ws-message' && !e.faulted && c.data === undefined && cls.kind === 'data') c.data = e.seq;
          break;
        }
        case 'fault':
          this.faultsSeen.push({ seq: e.seq, kind: e.kind, ...(e.conn !== undefined ? { conn: e.conn } : {}) });
          break;
        default:
          break;
      }
    }
  }
}

function isAction(step: ResilienceStep): boolean {
  return step.kind === 'drop' || step.kind === 'arm-fail-sync' || step.kind === 'freeze' || step.kind === 'end-freeze' || step.kind === 'auth-close';
}

function lastSeq(events: readonly TraceEvent[]): number {
  return events.length ? events[events.length - 1]!.seq : 0;
}
