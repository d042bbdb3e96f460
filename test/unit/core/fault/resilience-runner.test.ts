/**
 * The resilience check's sequence and state machine in Node: a simulated client reacts to the
 * fault commands with the events a real one causes, on a fake clock; the runner must walk the
 * sequence, end each wait on its condition (or its timeout), and stop with the right outcome.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, UnsequencedEvent } from '../../../../src/core/events';
import type { FaultCommand } from '../../../../src/core/fault/fault-command';
import type { Profile } from '../../../../src/core/profile/types';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { planResilience } from '../../../../src/core/fault/resilience-plan';
import { ResilienceRunner, type RunnerAction } from '../../../../src/core/fault/resilience-runner';

/** scaiwave with short timings: established after 1 s, pings every 1 s, pong timeout 0.5 s (notice bound 2.5 s). */
const FAST: Profile = {
  ...SCAIWAVE_PROFILE,
  heartbeat: { ...SCAIWAVE_PROFILE.heartbeat!, intervalMs: 1000, pongTimeoutMs: 500 },
  backoff: { ...SCAIWAVE_PROFILE.backoff, stableAfterMs: 1000 },
};
const T0 = 1_800_000_000_000;
const URL = 'ws://app.test/v1/stream?token=a';

interface ClientModel {
  /** Reconnects after a close (false: gives up). */
  reconnects: boolean;
  /** Closes a frozen link itself after this many ms (undefined: never notices). */
  noticeMs?: number;
  /** The hook applies commands (false: a tab that is no longer hooked). */
  hooked: boolean;
}

/** A page with one session: events happen at scheduled times; fault commands change what comes next. */
class SimPage {
  events: TraceEvent[] = [];
  private queue: { at: number; ev: UnsequencedEvent }[] = [];
  private n = 0;
  private failSync = 0;
  private frozen: string | undefined;
  constructor(private readonly m: ClientModel) {}

  at(at: number, ev: UnsequencedEvent): void {
    this.queue.push({ at, ev });
    this.queue.sort((a, b) => a.at - b.at);
  }
  /** A new connection at `t`: sync first (when a position exists), then create, open, hello, a data frame. */
  connect(t: number, withSync: boolean): void {
    let at = t;
    if (withSync) {
      const req = `r${++this.n}`;
      this.at(at, { type: 'http-request', t: at, req, method: 'GET', url: 'http://app.test/v1/sync?since=5', initiator: 'fetch' });
      if (this.failSync > 0) {
        this.failSync--;
        this.at(at + 5, { type: 'http-response', t: at + 5, req, status: 503, synthetic: true });
        at += 1000; // backoff k = 1, then the retry
        return this.connect(at, true);
      }
      this.at(at + 5, { type: 'http-response', t: at + 5, req, status: 200, body: '{"events":[]}' });
      at += 10;
    }
    const conn = `p.${++this.n}`;
    this.at(at, { type: 'ws-create', t: at, conn, url: URL, protocols: [], frameUrl: 'http://app.test/' });
    this.at(at + 10, { type: 'ws-open', t: at + 10, conn, protocol: '', extensions: '' });
    this.at(at + 15, { type: 'ws-message', t: at + 15, conn, opcode: 1, size: 40, data: '{"type":"hello","stream_position":5}', encoding: 'text', truncated: false });
    this.at(at + 60, { type: 'ws-message', t: at + 60, conn, opcode: 1, size: 40, data: '{"type":"event","stream_position":6}', encoding: 'text', truncated: false });
  }
  /** Applies a command at `now` as the hook would, and the client's reaction. */
  apply(c: FaultCommand, now: number): void {
    if (!this.m.hooked) return;
    this.at(now, { type: 'fault', t: now, ...c } as UnsequencedEvent);
    if (c.kind === 'fail-sync') this.failSync = c.count ?? 1;
    if (c.kind === 'drop' || c.kind === 'close') {
      this.frozen = undefined;
      this.at(now + 1, { type: 'ws-close', t: now + 1, conn: c.conn!, code: c.code ?? 1006, reason: '', wasClean: c.kind === 'close', synthetic: true });
      if (this.m.reconnects) this.connect(now + 100, true);
    }
    if (c.kind === 'thaw') this.frozen = undefined;
    if (c.kind === 'freeze') {
      this.frozen = String(c.conn);
      if (this.m.noticeMs !== undefined) {
        const t = now + this.m.noticeMs;
        this.at(t, { type: 'ws-close-call', t, conn: c.conn!, code: 4000 });
        this.at(t + 2, { type: 'ws-close', t: t + 2, conn: c.conn!, code: 4000, reason: '', wasClean: true });
        this.connect(t + 100, true);
      }
    }
  }
  /** Moves the clock to `t`: every event due by then is captured. */
  advance(t: number): void {
    while (this.queue.length && this.queue[0]!.at <= t) {
      const { ev } = this.queue.shift()!;
      this.events.push({ ...ev, seq: this.events.length + 1 } as TraceEvent);
    }
  }
  nextAt(): number {
    return this.queue[0]?.at ?? Infinity;
  }
}

/** Drives a runner against a page until it is done: the commands sent and the final action. */
function run(profile: Profile, model: Partial<ClientModel>, opts: { openAtStart?: boolean; cancelAt?: number } = {}) {
  const page = new SimPage({ reconnects: true, hooked: true, ...model });
  if (opts.openAtStart !== false) page.connect(T0 - 5000, false);
  page.advance(T0);
  const runner = new ResilienceRunner(planResilience(profile, { resumeWaitMs: 2000, startWaitMs: 3000 }), profile, 'test', T0, 3000);
  const commands: { at: number; c: FaultCommand }[] = [];
  let now = T0;
  let action: RunnerAction;
  for (let guard = 0; ; guard++) {
    expect(guard).toBeLessThan(10000);
    if (opts.cancelAt !== undefined && now >= opts.cancelAt) {
      for (const c of runner.cancel(page.events, now)) commands.push({ at: now, c });
      action = runner.tick(page.events, now);
      break;
    }
    action = runner.tick(page.events, now);
    if (action.kind === 'done') break;
    if (action.kind === 'command') {
      commands.push({ at: now, c: action.command });
      page.apply(action.command, now);
      page.advance(now);
      continue;
    }
    now = Math.min(action.untilMs, page.nextAt(), opts.cancelAt ?? Infinity);
    page.advance(now);
  }
  return { runner, commands, action, now, page };
}

describe('resilience plan', () => {
  it('scaiwave: drop, failing catch-up, half-open link, 4001, with timeouts from the profile', () => {
    const p = planResilience(SCAIWAVE_PROFILE);
    expect(p.groups.map((g) => g.name)).toEqual(['Drop', 'Failing catch-up', 'Half-open link', 'Auth close 4001']);
    expect(p.groups.every((g) => g.skipped === undefined)).toBe(true);
    expect(p.steps.map((s) => s.kind)).toEqual([
      'settle', 'drop', 'recover',
      'settle', 'arm-fail-sync', 'drop', 'recover',
      'settle', 'freeze', 'notice', 'end-freeze', 'recover',
      'settle', 'auth-close', 'recover',
    ]);
    const notice = p.steps.find((s) => s.kind === 'notice')!;
    // 2 × 30 s + 10 s, plus 10 % so a client noticing right at the bound is judged.
    expect(notice.timeoutMs).toBe(77000);
    // The bound and its spare, not a second "at most" beside the progress's own (77.0 s).
    expect(notice.label).toBe('wait for the client to notice the frozen link: 70.0 s by its heartbeat (2 × interval + pong timeout), 7.0 s spare');
    // First drop: the k = 0 bound 1.5 × 1 s + 1 s, plus 5 s for the first data frame.
    expect(p.steps[2]!.timeoutMs).toBe(7500);
    // After a failed sync the retry waits for k = 1 as well.
    expect(p.steps[6]!.timeoutMs).toBe(2500 + 2500 + 5000);
    expect(p.steps[0]!.timeoutMs).toBe(10000 + 10000);
    expect(p.steps[13]).toMatchObject({ kind: 'auth-close', code: 4001, label: 'close the connection with 4001 SW_AUTH_INVALID_TOKEN' });
  });

  it('an announced heartbeat interval replaces the profile default', () => {
    const notice = planResilience(SCAIWAVE_PROFILE, { heartbeatIntervalMs: 1000 }).steps.find((s) => s.kind === 'notice')!;
    expect(notice.timeoutMs).toBe(2 * 1000 + 10000 + 1200);
  });

  it('skips what the profile cannot judge, and says why', () => {
    const bare: Profile = { name: 'bare', backoff: SCAIWAVE_PROFILE.backoff };
    const p = planResilience(bare);
    expect(p.groups).toEqual([
      { name: 'Drop' },
      { name: 'Failing catch-up', skipped: 'the profile has no catch-up step (no sync)' },
      { name: 'Half-open link', skipped: 'the profile has no heartbeat: a client cannot be expected to notice a silent link' },
      { name: 'Auth close', skipped: 'the profile has no close code of kind "auth"' },
    ]);
    expect(p.steps.map((s) => s.kind)).toEqual(['settle', 'drop', 'recover']);
    const inBand = planResilience({ ...bare, sync: { frame: { dir: 'out', json: { op: 6 } }, cursorPath: 'd.seq' } });
    expect(inBand.groups[1]!.skipped).toBe('the profile’s catch-up is not an HTTP request (no sync.urlPath): nothing to fail');
  });
});

describe('resilience runner', () => {
  it('walks the whole sequence against a client that recovers from each fault, each wait ending on its condition', () => {
    const { commands, action, runner, page } = run(FAST, { noticeMs: 1800 });
    expect(action).toEqual({ kind: 'done', outcome: 'completed', reason: 'every step ran' });
    expect(commands.map((x) => x.c.kind + (x.c.code ? `:${x.c.code}` : ''))).toEqual(['drop', 'fail-sync', 'drop', 'freeze', 'close:4001']);
    expect(commands.every((x) => x.c.origin === 'test')).toBe(true);
    // The first drop waits for the connection to be established (open 1 s); it opened at T0 − 4990.
    expect(commands[0]!.at).toBe(T0);
    // Each later fault waits for the new connection to have been open 1 s.
    const opens = page.events.filter((e) => e.type === 'ws-open');
    expect(commands[1]!.at - opens[1]!.t).toBe(1000);
    // The frozen link was closed by the client after 1.8 s: no drop was needed to end it.
    expect(commands.filter((x) => x.c.kind === 'drop')).toHaveLength(2);
    const p = runner.progress(page.events[page.events.length - 1]!.t);
    expect(p).toMatchObject({ outcome: 'completed', step: 15, steps: 15, remainingMs: 0, totalRemainingMs: 0 });
    expect(p.faults).toEqual(page.events.filter((e) => e.type === 'fault').map((e) => e.seq));
    // The failed sync was followed by a retry before the stream resumed.
    const syncs = page.events.filter((e) => e.type === 'http-response');
    expect(syncs.map((e) => (e.type === 'http-response' ? e.status : 0))).toEqual([200, 503, 200, 200, 200]);
  });

  it('drops a frozen link the client never notices, once the bound (2 × interval + pong timeout) passed', () => {
    const { commands, action } = run(FAST, {});
    expect(action).toMatchObject({ outcome: 'completed' });
    const freeze = commands.find((x) => x.c.kind === 'freeze')!;
    const end = commands[commands.indexOf(freeze) + 1]!;
    expect(end.c).toMatchObject({ kind: 'drop', conn: freeze.c.conn });
    expect(end.at - freeze.at).toBe(2500 + 1000);
  });

  it('stops when the client does not come back after a drop, naming why', () => {
    const { commands, action } = run(FAST, { reconnects: false });
    expect(commands.map((x) => x.c.kind)).toEqual(['drop']);
    expect(action).toEqual({ kind: 'done', outcome: 'stopped', reason: 'no open connection 4 s after the last fault: the client did not come back' });
  });

  it('cannot run without an open connection, nor when the page does not apply the first command', () => {
    const none = run(FAST, {}, { openAtStart: false });
    expect(none.action).toEqual({ kind: 'done', outcome: 'could-not-run', reason: 'no WebSocket connection was open within 3 s' });
    expect(none.now).toBe(T0 + 3000);
    const unhooked = run(FAST, { hooked: false });
    expect(unhooked.action).toEqual({ kind: 'done', outcome: 'could-not-run', reason: 'the page did not apply "drop the connection (1006)" within 5 s (is the tab still hooked?)' });
  });

  it('cancel thaws a frozen link and ends the check', () => {
    // Established at T0, drop, recover, settle …: the freeze comes after the second recovery.
    const full = run(FAST, {});
    const freezeAt = full.commands.find((x) => x.c.kind === 'freeze')!.at;
    const { commands, action, runner } = run(FAST, {}, { cancelAt: freezeAt + 500 });
    const last = commands[commands.length - 1]!;
    expect(last.c).toEqual({ kind: 'thaw', conn: commands[commands.length - 2]!.c.conn, origin: 'test' });
    expect(action).toEqual({ kind: 'done', outcome: 'cancelled', reason: `cancelled after ${Math.round((freezeAt + 500 - T0) / 1000)} s` });
    expect(runner.progress(freezeAt + 600).outcome).toBe('cancelled');
  });

  it('reports progress: the step, time spent and the bound left', () => {
    const page = new SimPage({ reconnects: true, hooked: true });
    page.connect(T0 - 200, false);
    page.advance(T0);
    const runner = new ResilienceRunner(planResilience(FAST, { resumeWaitMs: 2000, startWaitMs: 3000 }), FAST, 'panel', T0, 3000);
    // Opened at T0 − 190: established 1 s later, at T0 + 810 (the settle's deadline is T0 + 4000).
    expect(runner.tick(page.events, T0)).toEqual({ kind: 'wait', untilMs: T0 + 810 });
    const p = runner.progress(T0 + 500);
    expect(p).toMatchObject({ step: 0, group: 'Drop', label: 'wait until the connection is established (open 1.0 s)', elapsedMs: 500, remainingMs: 3500 });
    expect(p.totalRemainingMs).toBeGreaterThan(p.remainingMs);
    page.advance(T0 + 810);
    expect(runner.tick(page.events, T0 + 810)).toMatchObject({ kind: 'command', command: { kind: 'drop', origin: 'panel' } });
  });
});

describe('resilience runner between connections', () => {
  const ev = (page: SimPage, e: UnsequencedEvent): void => void page.events.push({ ...e, seq: page.events.length + 1 } as TraceEvent);
  const all = planResilience(FAST).steps;
  const arm = all.findIndex((x) => x.kind === 'arm-fail-sync');
  const steps = all.slice(arm, arm + 2); // fail-sync, then its drop
  const plan = { groups: [{ name: 'Failing catch-up' }], steps: steps.map((x) => ({ ...x, group: 0 })) };

  for (const reopens of [true, false]) {
    it(reopens ? 'an action waits for the client to open its next connection' : 'an action stops when no connection opens within the start wait', () => {
      const page = new SimPage({ reconnects: true, hooked: true });
      page.connect(T0 - 5000, false);
      page.advance(T0);
      const runner = new ResilienceRunner(plan, FAST, 'test', T0, 3000);
      expect(runner.tick(page.events, T0)).toMatchObject({ kind: 'command', command: { kind: 'fail-sync' } });
      // The client closes its connection itself before the fault event arrives.
      ev(page, { type: 'ws-close', t: T0 + 10, conn: 'p.1', code: 4000, reason: '', wasClean: true });
      ev(page, { type: 'fault', t: T0 + 20, kind: 'fail-sync', count: 1, status: 503, origin: 'test' });
      expect(runner.tick(page.events, T0 + 20)).toEqual({ kind: 'wait', untilMs: T0 + 3020 });
      if (reopens) {
        ev(page, { type: 'ws-create', t: T0 + 400, conn: 'p.9', url: URL, protocols: [], frameUrl: '' });
        ev(page, { type: 'ws-open', t: T0 + 420, conn: 'p.9', protocol: '', extensions: '' });
        expect(runner.tick(page.events, T0 + 420)).toEqual({ kind: 'command', command: { kind: 'drop', conn: 'p.9', origin: 'test' } });
      } else {
        expect(runner.tick(page.events, T0 + 3020)).toEqual({ kind: 'done', outcome: 'stopped', reason: 'no open connection within 3 s to drop the connection (1006)' });
      }
    });
  }
});
