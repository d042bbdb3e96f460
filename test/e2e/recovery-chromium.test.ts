/**
 * Recovery records end to end (docs/design.md#recovery-records): the reference client in real
 * Chromium, faults injected through the real panel (panel → hub → relay → hook), the capture
 * exported (redacted) and judged by `wavetrace check --format json`. The correct client
 * recovers from every fault with every step ok; each faulty mode fails exactly the step it
 * should, with the right numbers. One browser for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel, scaledProfile, type ScenarioTabs } from './lib/reference-scenario';
import { startReferenceServer, type ReferenceServer } from '../reference-app';
import { runCli } from '../../src/cli/run-cli';
import type { JsonRecovery } from '../../src/cli/check-summary';
import type { FaultCommand } from '../../src/core/fault/fault-command';

const TIME_SCALE = 0.2; // client backoff: immediate, then 200, 400, 800 … ms; established after 2 s
const PING_MS = 600; // a frozen link must be noticed within 2 × 600 + 480 ms = 1.68 s
const LIMIT_MS = 2 * PING_MS + Math.round(PING_MS * 0.8);
/** A connection open this long (ms) is established, for the run at time scale 1 (its 10 s would be a 10 s wait). */
const STABLE_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Step = JsonRecovery['steps'][number];
const outcome = (r: JsonRecovery) => r.steps.map((s) => `${s.rule}:${String(s.ok)}`);
const stepOf = (r: JsonRecovery, rule: string): Step => {
  const s = r.steps.find((x) => x.rule === rule);
  if (!s) throw new Error(`no ${rule} step: ${JSON.stringify(r.steps)}`);
  return s;
};

describe('recovery records of the reference client (Chromium)', () => {
  let b: ExtensionBrowser;
  let server: ReferenceServer;
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-recovery-'));
  /** The analysis profile file for a client time scale (and the ms after which a connection is established, when not 10 s at that scale). */
  const profileFile = (scale: number, stableAfterMs?: number) => join(dir, `reference-${scale}${stableAfterMs === undefined ? '' : `-stable-${stableAfterMs}`}.profile.json`);
  let files = 0;

  beforeAll(async () => {
    // The server never closes a silent client itself (maxMissedPongs high): noticing a frozen link is the client's job.
    server = await startReferenceServer({ port: 0, eventIntervalMs: 150, pingIntervalMs: PING_MS, maxMissedPongs: 1000 });
    // Positions stay non-contiguous, as in scaiwave: the reference stream starts live at "now",
    // so an event published between the sync response and the stream's open is never delivered
    // to any client (no `no-gap` step; docs/design.md#recovery-records).
    for (const scale of [TIME_SCALE, 1]) writeFileSync(profileFile(scale), JSON.stringify(scaledProfile({ timeScale: scale, pingIntervalMs: PING_MS })));
    const real = scaledProfile({ timeScale: 1, pingIntervalMs: PING_MS });
    writeFileSync(profileFile(1, STABLE_MS), JSON.stringify({ ...real, backoff: { ...real.backoff, stableAfterMs: STABLE_MS } }));
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const num = async (t: ScenarioTabs, name: string) => Number((await t.data(name)) ?? 0);

  /** Sends `cmd` to the newest open connection (when it needs one) through the panel's automation handle. */
  async function fault(t: ScenarioTabs, cmd: Omit<FaultCommand, 'origin'>): Promise<void> {
    const c = await t.panel.evaluate(() => (globalThis as unknown as { wavetrace: { newestOpenConnection(): { conn: unknown } | undefined } }).wavetrace.newestOpenConnection());
    const full = { ...cmd, origin: 'test', ...(cmd.kind !== 'fail-sync' && cmd.kind !== 'refuse' ? { conn: c?.conn } : {}) };
    const why = await t.panel.evaluate((x) => (globalThis as unknown as { wavetrace: { fault(c: unknown): string } }).wavetrace.fault(x), full);
    expect(why).toBe('');
  }

  /** Waits until the client opened one more connection and processed a new event on it. */
  async function resumed(t: ScenarioTabs, opensBefore: number): Promise<void> {
    const processed = await num(t, 'eventsProcessed');
    await waitFor(async () => (await num(t, 'opens')) > opensBefore && (await num(t, 'eventsProcessed')) > processed, 'the client to resume');
  }

  /** Runs the client with `query`, does `act` once it processed events and its connection is established, returns `check --format json`. */
  /**
   * `stableAfterMs`, when given, is passed to the client and to the analysis profile alike (a
   * connection open that long is established): the backoff delays stay those of `scale`, and the
   * run does not wait 10 s × `scale` for the first connection to be established.
   */
  async function run(query: string, act: (t: ScenarioTabs) => Promise<void>, scale = TIME_SCALE, stableAfterMs?: number): Promise<{ exitCode: number; recoveries: JsonRecovery[]; findings: { code: string; severity: string; message: string }[] }> {
    const stable = stableAfterMs === undefined ? '' : `&stableAfterMs=${stableAfterMs}`;
    const t = await openClientWithPanel(b, `${server.url}/?timeScale=${scale}&resetCursor=1${stable}&${query}`);
    try {
      await waitFor(async () => (await num(t, 'eventsProcessed')) > 0, 'the client to process events');
      await sleep((stableAfterMs ?? 10000 * scale) + 100); // established (stableAfterMs at this time scale): the first retry is immediate
      await act(t);
      await sleep(300); // the last batches reach the panel
      const text = await t.panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: object): Promise<string> } }).wavetrace.exportTrace({}));
      const file = join(dir, `${++files}.wavetrace.json`);
      writeFileSync(file, text);
      const r = await runCli(['check', file, '--format', 'json', '--profile', profileFile(scale, stableAfterMs)]);
      expect(r.stderr).toBe('');
      const doc = JSON.parse(r.stdout) as { recoveries: JsonRecovery[]; findings: { code: string; severity: string; message: string }[] };
      if (process.env.WAVETRACE_DEBUG_RECOVERY) console.log(query, JSON.stringify(doc.recoveries.map((x) => [x.kind, x.verdict, x.steps.filter((s) => s.ok !== true)]), null, 1));
      return { exitCode: r.exitCode, recoveries: doc.recoveries, findings: doc.findings };
    } finally {
      await t.close();
    }
  }

  /** Drops the newest connection and waits for the client to resume. */
  async function dropAndResume(t: ScenarioTabs): Promise<void> {
    const opens = await num(t, 'opens');
    await fault(t, { kind: 'drop' });
    await resumed(t, opens);
  }

  it('the correct client (with a silence watchdog): drop, failing sync, freeze, auth close — every step ok, exit 0', async () => {
    const r = await run(`watchdogMs=${PING_MS + 400}`, async (t) => {
      await dropAndResume(t);
      await sleep(2100);
      await fault(t, { kind: 'fail-sync', count: 1, status: 503 });
      await dropAndResume(t);
      await sleep(2100);
      let opens = await num(t, 'opens');
      await fault(t, { kind: 'freeze' });
      await resumed(t, opens);
      await sleep(2100);
      opens = await num(t, 'opens');
      const tokens = await num(t, 'tokenFetches');
      await fault(t, { kind: 'close', code: 4001, reason: 'token expired' });
      await resumed(t, opens);
      expect(await num(t, 'tokenFetches')).toBe(tokens + 1);
    });
    expect(r.recoveries.map((x) => x.kind)).toEqual(['drop', 'fail-sync', 'drop', 'freeze', 'close']);
    for (const rec of r.recoveries) {
      expect({ kind: rec.kind, verdict: rec.verdict, steps: outcome(rec) }).toEqual({ kind: rec.kind, verdict: 'recovered', steps: rec.steps.map((s) => `${s.rule}:true`) });
    }
    const [drop, failSync, , freeze, auth] = r.recoveries as [JsonRecovery, JsonRecovery, JsonRecovery, JsonRecovery, JsonRecovery];
    expect(outcome(drop)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:true', 'sync-cursor:true']);
    expect(stepOf(drop, 'sync-cursor').numbers.cursor).toBe(stepOf(drop, 'sync-cursor').numbers.lastPosition);
    expect(stepOf(drop, 'reconnect-delay').numbers).toMatchObject({ k: 0, expectedMs: 200 });
    expect(outcome(failSync)).toEqual(['retried-sync:true', 'no-stale-processing:true']);
    expect(stepOf(failSync, 'retried-sync').numbers).toMatchObject({ failures: 1, expectedMs: 200 });
    expect(stepOf(failSync, 'retried-sync').numbers.delayMs).toBeGreaterThanOrEqual(100);
    expect(outcome(freeze).slice(0, 2)).toEqual(['noticed-half-open:true', 'reconnected:true']);
    expect(stepOf(freeze, 'noticed-half-open').numbers).toMatchObject({ limitMs: LIMIT_MS, intervalMs: PING_MS });
    expect(stepOf(freeze, 'noticed-half-open').numbers.noticedMs).toBeLessThanOrEqual(LIMIT_MS);
    expect(outcome(auth)[0]).toBe('auth-handled:true');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('skipSync: the drop fails `synced` only', async () => {
    const r = await run('skipSync=1', dropAndResume);
    expect(r.recoveries).toHaveLength(1);
    const rec = r.recoveries[0]!;
    expect(rec.verdict).toBe('failed');
    expect(outcome(rec)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:false']);
    const s = stepOf(rec, 'synced');
    expect(s.message).toMatch(/received stream_position \d+ without GET \/v1\/sync\?since=\d+/);
    expect(s.numbers.firstPosition).toBeGreaterThan(s.numbers.lastPosition!);
    expect(r.exitCode).toBe(1);
  });

  it('staleCursor: the drop fails `sync-cursor` with a cursor 5 below the last position', async () => {
    const r = await run('staleCursor=1', dropAndResume);
    const rec = r.recoveries[0]!;
    expect(outcome(rec)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:true', 'sync-cursor:false']);
    const s = stepOf(rec, 'sync-cursor');
    expect(s.numbers.cursor).toBe(s.numbers.lastPosition! - 5);
    expect(r.exitCode).toBe(1);
  });

  it('noBackoff: the failing sync is retried 50 ms later — `retried-sync` fails against 1 s', async () => {
    // Time scale 1 (expected 1 s, at least 500 ms): a loaded machine's late 50 ms timer stays far
    // below it. Established after STABLE_MS rather than 10 s (client and profile alike), so the
    // drop still ends an established connection and the failed sync is the streak's first.
    const r = await run('noBackoff=1', async (t) => {
      await fault(t, { kind: 'fail-sync', count: 1, status: 503 });
      await dropAndResume(t);
    }, 1, STABLE_MS);
    expect(r.recoveries.map((x) => [x.kind, x.verdict])).toEqual([
      ['fail-sync', 'failed'],
      ['drop', 'recovered'],
    ]);
    expect(outcome(r.recoveries[0]!)).toEqual(['retried-sync:false', 'no-stale-processing:true']);
    const s = stepOf(r.recoveries[0]!, 'retried-sync');
    expect(s.numbers).toMatchObject({ k: 1, expectedMs: 1000, minMs: 500 });
    expect(s.numbers.delayMs).toBeLessThan(500);
    expect(r.exitCode).toBe(1);
  });

  it('reuseToken: the 4001 close fails `auth-handled` (same credentials)', async () => {
    const r = await run('reuseToken=1', async (t) => {
      const opens = await num(t, 'opens');
      await fault(t, { kind: 'close', code: 4001, reason: 'token expired' });
      await resumed(t, opens);
    });
    const rec = r.recoveries[0]!;
    expect(rec.kind).toBe('close');
    expect(outcome(rec)[0]).toBe('auth-handled:false');
    expect(outcome(rec).filter((x) => x.endsWith(':false'))).toEqual(['auth-handled:false']);
    expect(stepOf(rec, 'auth-handled').message).toMatch(/with the same credentials/);
    expect(r.exitCode).toBe(1);
  });

  it('no silence watchdog: a frozen link is never noticed — `noticed-half-open` fails with the silence and the limit', async () => {
    const r = await run('', async (t) => {
      await fault(t, { kind: 'freeze' });
      await sleep(LIMIT_MS + 800);
    });
    const rec = r.recoveries[0]!;
    expect(rec.kind).toBe('freeze');
    expect(outcome(rec)).toEqual(['noticed-half-open:false']);
    const s = stepOf(rec, 'noticed-half-open');
    expect(s.numbers).toMatchObject({ limitMs: LIMIT_MS, intervalMs: PING_MS, pongTimeoutMs: Math.round(PING_MS * 0.8) });
    expect(s.numbers.silentMs).toBeGreaterThan(LIMIT_MS);
    expect(r.findings.map((f) => f.code)).toContain('half-open-undetected');
    expect(r.exitCode).toBe(1);
  });

  it('giveUpAfterFailure: after one failed sync the client stops — `retried-sync` and `reconnected` fail', async () => {
    const r = await run('giveUpAfterFailure=1', async (t) => {
      await fault(t, { kind: 'fail-sync', count: 1, status: 503 });
      await fault(t, { kind: 'drop' });
      await waitFor(async () => (await t.data('state')) === 'stopped', 'the client to give up');
      await sleep(1300 + 500); // past the latest acceptable retry (1.5 × 200 ms + 1 s)
    });
    expect(r.recoveries.map((x) => [x.kind, outcome(x)])).toEqual([
      ['fail-sync', ['retried-sync:false', 'no-stale-processing:null']],
      ['drop', ['reconnected:false']],
    ]);
    expect(stepOf(r.recoveries[0]!, 'retried-sync').numbers).toMatchObject({ failures: 1, limitMs: 1300 });
    expect(stepOf(r.recoveries[1]!, 'reconnected').message).toMatch(/the client gave up/);
    expect(r.exitCode).toBe(1);
  });
});
