/**
 * Public bug reports about WebSocket clients, replayed on 127.0.0.1 and recorded through the real
 * extension in Chromium (hook → relay → hub → panel → export), then analysed: each scenario gives
 * the finding it needs (code, connection, numbers, a hint that points the right way) and its
 * correct client gives none (docs/design.md#closes-the-page-asked-for, docs/design.md#epochs,
 * docs/design.md#catch-up-rules). The page is test/fixtures/pages/bug-reports; the servers are
 * plain `ws`, graphql-ws and Socket.IO with connection state recovery (lib/bug-report-servers).
 * Times are scaled: the 15 s retry schedule of the report runs at 5 s, heartbeats at 0.6–1 s.
 * One browser for the file; the replays run two at a time, each in its own tab and panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel, scaledProfile, type ScenarioTabs } from './lib/reference-scenario';
import { startBugReportServers, type BugReportServers } from './lib/bug-report-servers';
import type { Analysis, Finding } from '../../src/core/analysis';
import { getBuiltinProfile } from '../../src/core/profile/presets';
import type { Profile } from '../../src/core/profile/types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const only = (a: Analysis, code: string): Finding[] => a.findings.filter((f) => f.code === code);
const codes = (a: Analysis) => a.findings.map((f) => `${f.code} #${String(f.conn)}: ${f.message}`);
const connId = (a: Analysis, i: number) => a.connections[i]?.id;

const base = scaledProfile({ timeScale: 0.1, pingIntervalMs: 600 });
/** The scaiwave profile at test scale; a connection open 100 ms is established (the stream's drops come after ~250 ms). */
const stream: Profile = { ...base, backoff: { ...base.backoff, stableAfterMs: 100 } };
const contiguous: Profile = { ...stream, position: { ...stream.position!, contiguous: true } };
const history: Profile = { ...contiguous, sync: { urlPath: '/api/history', param: 'after', responsePositions: 'events[].stream_position' } };
const clientPings = (every: number): Profile => ({
  ...stream,
  heartbeat: { intervalMs: every, ping: { dir: 'out', json: { type: 'ping' } }, pong: { dir: 'in', json: { type: 'pong' } }, pongTimeoutMs: Math.round(every * 0.8) },
});
const gqlPreset = getBuiltinProfile('graphql-transport-ws') as Profile;
const gql: Profile = { ...gqlPreset, backoff: { ...gqlPreset.backoff, immediateMs: 400, baseMs: 300, maxMs: 2400 } };
const sio = getBuiltinProfile('socketio-v4') as Profile;

// The replays are independent (own window, tab and panel; the servers keep state per client
// id), so they run two at a time (the e2e project's maxConcurrency): most of a replay is waiting
// on the page's own timers.
describe.concurrent('bug reports replayed through the extension (Chromium)', () => {
  let b: ExtensionBrowser;
  let srv: BugReportServers;
  beforeAll(async () => {
    srv = await startBugReportServers();
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  /** Opens the page on `query`, waits for `ready`, lets `settleMs` pass, and analyses the recording. */
  async function replay(query: string, profile: Profile, ready: (t: ScenarioTabs) => Promise<boolean>, settleMs = 0): Promise<Analysis> {
    const t = await openClientWithPanel(b, `${srv.httpUrl}/page.html?${query}`);
    try {
      await t.page.bringToFront(); // timers of a background tab are throttled to 1 s; the panel keeps recording
      await t.page.evaluate('window.startScenario()');
      await waitFor(async () => (await ready(t)) || null, `the page to reach its state (${query})`, 40000);
      await sleep(settleMs);
      return await t.analyze(profile);
    } finally {
      await t.close();
    }
  }
  const has = (name: string, value?: string) => async (t: ScenarioTabs) => {
    const v = await t.data(name);
    return value === undefined ? v !== undefined : v === value;
  };

  // The fixed retry schedule's correct client (jittered delays): first, as it waits longest (three
  // retries of about 5 s), and among the replays run two at a time, since a loaded machine only
  // makes its delays more irregular, never less (its check is that no schedule is found fixed).
  it('a jittered 5 s retry schedule gives no reconnect-no-jitter', async () => {
    const ok = await replay('s=fixedRetry&fix=1', stream, has('closes', '4'));
    expect(only(ok, 'reconnect-no-jitter')).toEqual([]);
  });

  it('the page switches rooms with close(1000) and once closes while CONNECTING: no storm, no network blame', async () => {
    const a = await replay('s=pageClose', stream, has('done'));
    expect(a.connections).toHaveLength(5);
    expect(a.connections.filter((c) => c.closeCall).length).toBe(4);
    expect(a.connections[3]!.closed?.code).toBe(1006); // close() while CONNECTING
    expect(a.attempts).toEqual([]);
    expect(codes(a)).toEqual([]);
  });

  it('a new epoch: the client that syncs with the old cursor is told it skipped the new epoch; from 0 it is right', async () => {
    const a = await replay('s=stream&mode=epoch', stream, has('last', '4'));
    expect(only(a, 'position-regression')).toEqual([]);
    const f = only(a, 'sync-cursor-ahead');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 1));
    expect(f[0]!.message).toMatch(/^GET \/v1\/sync\?since=5 but the last stream_position was 0 when it started \(a new epoch "e2" began \(was "e1"\), positions restart\)/);
    const ok = await replay('s=stream&mode=epoch&fix=1', stream, has('last', '4'));
    expect(codes(ok).filter((c) => !c.startsWith('close-abnormal'))).toEqual([]);
  });

  it('a counter reset without an epoch: position-regression that does not advise skipping the new events', async () => {
    const a = await replay('s=stream&mode=reset', stream, has('last', '3'), 200);
    const f = only(a, 'position-regression').find((x) => x.message.includes('restarted without announcing a new epoch'));
    expect(f, codes(a).join('\n')).toBeDefined();
    expect(f!.message).toMatch(/3 data frames on connection \S+ carry stream_position 1\.\.3 after last position 5/);
    expect(f!.hint).not.toMatch(/skip frames/);
  });

  it('a truncated catch-up not continued loses 30 positions; the paging client loses none', async () => {
    const a = await replay('s=stream&mode=truncate', contiguous, has('last', '41'));
    const f = only(a, 'sync-truncated');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 1));
    expect(f[0]!.message).toMatch(/returned 6\.\.10 and said it was partial \(has_more: true\), and connection \S+ fetched no next page: 30 positions lost \(11\.\.40\)$/);
    expect(only(a, 'position-gap')).toEqual([]);
    const ok = await replay('s=stream&mode=truncate&fix=1', contiguous, has('last', '41'));
    expect(codes(ok).filter((c) => !c.startsWith('close-abnormal'))).toEqual([]);
  });

  it('a catch-up that returned 53–56, then 57 live: no position-gap', async () => {
    const a = await replay('s=stream&mode=history', history, has('last', '57'));
    expect(a.syncs.map((s) => s.cursor)).toEqual([52]);
    expect(codes(a).filter((c) => !c.startsWith('close-abnormal'))).toEqual([]);
  });

  it('a client that reconnects only after 1006 gives up after 1012 Service Restart: no-reconnect', async () => {
    const a = await replay('s=stream&mode=restart', stream, has('closed', '1012'), 2000);
    const f = only(a, 'no-reconnect');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 0));
    expect(f[0]!.message).toMatch(/^connection \S+ closed 1012 Service Restart \(service restart\) and no new attempt to ws:\/\/127\.0\.0\.1:\d+\/v1\/stream followed in the remaining [\d.]+ s of the trace \(a retry was due within 1\.1 s\): the client gave up$/);
  });

  it('graphql-ws: a refused token (4403) with retries off ends the session; an error message is server-error; a healthy run gives none', async () => {
    const a = await replay('s=graphql&token=bad', gql, has('error'), 2200);
    const f = only(a, 'session-ended');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.message).toMatch(/^the session to ws:\/\/127\.0\.0\.1:\d+\/graphql ended: connection \S+ closed 4403 Forbidden \(Forbidden\): the server rejected connection_init/);
    expect(f[0]!.hint).toContain('new credentials');
    const e = await replay(`s=graphql&query=${encodeURIComponent('{ nope }')}`, gql, has('error'), 300);
    expect(only(e, 'server-error').map((x) => x.message)).toEqual([expect.stringContaining('Cannot query field \\"nope\\" on type \\"Query\\".')]);
    const ok = await replay('s=graphql', gql, has('complete'), 300);
    expect(codes(ok)).toEqual([]);
  });

  it('Socket.IO: a reconnect with a pid but no offset gets a new session (resume-not-granted); with an offset it is recovered', async () => {
    const a = await replay('s=socketio', sio, has('connects', '2'), 300);
    const f = only(a, 'resume-not-granted');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 1));
    expect(f[0]!.message).toMatch(/^connection \S+ asked to resume pid "[^"]+" \(without offset: a session is only restored from a offset\) and the server started a new one \("[^"]+"\)/);
    const ok = await replay('s=socketio&tick=1', sio, has('connects', '2'), 300);
    expect(await Promise.resolve(ok.connections.length)).toBe(2);
    expect(only(ok, 'resume-not-granted')).toEqual([]);
  });

  // The replays whose findings compare one page's own times (a fixed retry schedule within 2 %,
  // the gaps between pings) run last and alone (it.sequential waits for the replays in flight):
  // a second replay's load would bend them.
  it.sequential('a fixed 5 s retry schedule gives one reconnect-no-jitter and no reconnect-too-slow', async () => {
    const a = await replay('s=fixedRetry', stream, has('closes', '4'));
    const f = only(a, 'reconnect-no-jitter');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.message).toMatch(/^3 reconnect attempts in a row to ws:\/\/127\.0\.0\.1:\d+\/flaky each came 5\.0 s after the previous close/);
    expect(f[0]!.hint).toContain('jitter');
    expect(only(a, 'reconnect-too-slow')).toEqual([]);
  });

  it.sequential('a frozen link the client never notices: half-open-undetected and pong-missing saying the client pings', async () => {
    const a = await replay('s=pinger&mode=freeze&every=600', clientPings(600), has('opens', '1'), 3500);
    const f = only(a, 'half-open-undetected');
    expect(f, codes(a).join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 0));
    expect(f[0]!.message).toMatch(/a dead link shows within 1\.7 s\)$/);
    expect(only(a, 'pong-missing')[0]!.hint).toMatch(/^the client pings here and the server did not answer/);
    const ok = await replay('s=pinger&mode=freeze&every=600&fix=1', clientPings(600), has('opens', '2'), 2000);
    expect(only(ok, 'half-open-undetected')).toEqual([]);
    expect(only(ok, 'close-abnormal')).toEqual([]);
  });

  it.sequential('two heartbeat timers after a reconnect: heartbeat-doubled on the new connection; one timer: none', async () => {
    const a = await replay('s=pinger&mode=twotimers&every=1000', clientPings(1000), has('opens', '2'), 4500);
    const f = only(a, 'heartbeat-doubled');
    const pings = a.connections.map((c) => `${String(c.id)}: ${c.heartbeat.pings} pings, max gap ${c.heartbeat.maxPingGapMs} ms`);
    expect(f, [...codes(a), ...pings].join('\n')).toHaveLength(1);
    expect(f[0]!.conn).toBe(connId(a, 1));
    expect(f[0]!.message).toMatch(/^the client pinged on connection \S+ at two interleaved cadences: gaps alternate .* as two timers each pinging every (?:1\.0 s|9\d\d ms) do$/);
    const ok = await replay('s=pinger&mode=twotimers&every=1000&fix=1', clientPings(1000), has('opens', '2'), 4500);
    expect(only(ok, 'heartbeat-doubled')).toEqual([]);
  });
});
