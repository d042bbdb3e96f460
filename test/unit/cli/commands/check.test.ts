/**
 * `wavetrace check` (docs/design.md#check CONTRACT): exit codes 0/1/2, JSON shape, text contents,
 * profile resolution, gzip and HAR input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli/run-cli';
import { Scenario } from '../../core/analysis/scenario';
import { RECONNECT_WITHOUT_SYNC, chromeHar, tempFile, traceDoc, traceFile } from '../fixtures';

const check = (...argv: string[]) => runCli(['check', ...argv]);

/** A clean reconnect: sync?since=<last> before the first data frame. */
function cleanEvents() {
  return new Scenario().session(1, { positions: [41, 42], openForMs: 15000, code: 1000 }).wait(200).connect(2).sync('r1', 42, 200, [43]).wait(50).data(2, 44).build();
}

describe('check on the hand-written fixture (reconnect without sync)', () => {
  it('text: prints the timeline and sync-skipped with the positions, exit 1', async () => {
    const r = await check(RECONNECT_WITHOUT_SYNC);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('profile: scaiwave (profile "scaiwave" named by the trace)');
    expect(out).toContain('Connections: 2 in 1 session');
    expect(out).toContain('wss://api.example.com/v1/stream');
    expect(out).toContain('closed +31.5 s 1006 Abnormal Closure: the connection dropped without a close frame');
    expect(out).toContain('conn 1.2  +32.5 s  1.0 s after 1006, k=0');
    expect(out).toContain('last stream_position 42');
    expect(out).toContain('Last position: stream_position 46');
    expect(out).toContain('Findings: 1 error, 1 warning, 0 info');
    expect(out).toMatch(/ERROR\s+\+32\.7 s\s+sync-skipped\s+\(conn 1\.2\)/);
    expect(out).toContain('reconnected 1.0 s after 1006 and received stream_position 45 without GET /v1/sync?since=42');
    expect(out).toContain('evidence: seq 8, 9, 12');
  });

  it('json: {summary, findings[{code, severity, t, conn, evidence, message, hint}]}', async () => {
    const r = await check(RECONNECT_WITHOUT_SYNC, '--format', 'json');
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['summary', 'findings', 'recoveries']);
    expect(doc.recoveries).toEqual([]); // no fault in this trace
    expect(doc.findings).toEqual([
      expect.objectContaining({ code: 'close-abnormal', severity: 'warning', conn: '1.1', evidence: [8] }),
      {
        code: 'sync-skipped',
        severity: 'error',
        t: 1700000032702.2,
        conn: '1.2',
        req: null,
        evidence: [8, 9, 12],
        message: 'reconnected 1.0 s after 1006 and received stream_position 45 without GET /v1/sync?since=42',
        hint: expect.stringContaining('/v1/sync?since=<last_stream_position>'),
      },
    ]);
    for (const f of doc.findings) expect(Object.keys(f)).toEqual(['code', 'severity', 't', 'conn', 'req', 'evidence', 'message', 'hint']);
    const s = doc.summary;
    expect(s).toMatchObject({
      input: 'wavetrace',
      profile: { name: 'scaiwave', source: 'trace' },
      events: 13,
      dropped: 0,
      previewsLost: 0,
      counts: { error: 1, warning: 1, info: 0 },
      positions: { field: 'stream_position', last: 46 },
      sessions: [{ key: 'wss://api.example.com/v1/stream', connections: ['1.1', '1.2'] }],
    });
    expect(s.connections[0]).toMatchObject({ conn: '1.1', closed: { code: 1006, name: 'Abnormal Closure', wasClean: false }, lastPosition: 42, hello: { tenant_id: 'acme' }, established: true });
    expect(s.connections[1]).toMatchObject({ conn: '1.2', closed: null, end: { cause: 'trace-end' }, lastPosition: 46 });
    expect(s.attempts).toEqual([{ conn: '1.2', t: 1700000032500, previous: '1.1', previousClose: 1006, delayMs: 1000, expectedMs: 1000, k: 0, verdict: 'ok', failedSyncs: 0 }]);
  });
});

describe('frames whose full preview was lost in capture', () => {
  it('are counted in the input line and in summary.previewsLost', async () => {
    const events = cleanEvents();
    const frames = events.filter((e) => e.type === 'ws-message');
    for (const f of frames.slice(0, 2)) if (f.type === 'ws-message') Object.assign(f, { truncated: true, previewLost: true, size: f.size + 65_536 });
    const file = traceFile(events);
    const text = await check(file);
    expect(text.stdout).toMatch(/input: {3}wavetrace trace, \d+ events \([^)]*\), 2 full previews lost in capture\n/);
    const json = JSON.parse((await check(file, '--format', 'json')).stdout);
    expect(json.summary.previewsLost).toBe(2);
  });
});

describe('exit codes', () => {
  it('0 when there is no error finding (warnings allowed)', async () => {
    const r = await check(traceFile(cleanEvents()));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Findings: 0 errors');
  });

  it('1 when at least one error finding', async () => {
    const ev = new Scenario().session(1, { positions: [41, 42] }).connect(2).data(2, 44).build();
    expect((await check(traceFile(ev))).exitCode).toBe(1);
  });

  it('reads gzip traces', async () => {
    const r = await check(traceFile(cleanEvents(), {}, true), '--format', 'json');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).summary.events).toBe(cleanEvents().length);
  });

  const unreadable: Array<[string, () => string[], RegExp]> = [
    ['missing file', () => ['/nonexistent/x.wavetrace.json'], /^wavetrace: cannot read \/nonexistent\/x\.wavetrace\.json: no such file$/],
    ['not JSON', () => [tempFile('bad.wavetrace.json', '{"format": "wavetrace", oops')], /: not JSON/],
    ['unknown format', () => [tempFile('x.json', '{"hello": 1}')], /unknown format/],
    ['unsupported version', () => [tempFile('v2.wavetrace.json', JSON.stringify({ ...traceDoc([]), version: 2 }))], /unsupported version 2/],
    ['no file argument', () => [], /expected one file/],
    ['two files', () => [RECONNECT_WITHOUT_SYNC, RECONNECT_WITHOUT_SYNC], /expected one file/],
    ['bad --format', () => [RECONNECT_WITHOUT_SYNC, '--format', 'yaml'], /--format must be text or json, got yaml/],
    ['unknown option', () => [RECONNECT_WITHOUT_SYNC, '--colour'], /unknown option --colour/],
    ['unknown --profile name', () => [RECONNECT_WITHOUT_SYNC, '--profile', 'nope'], /unknown profile "nope" \(built-in: scaiwave, /],
    ['missing --profile file', () => [RECONNECT_WITHOUT_SYNC, '--profile', './missing-profile.json'], /--profile \.\/missing-profile\.json: no such file/],
    ['invalid --profile file', () => [RECONNECT_WITHOUT_SYNC, '--profile', tempFile('p.json', JSON.stringify({ name: 'x' }))], /profile\.backoff/],
    ['invalid inline trace profile', () => [tempFile('inline.wavetrace.json', JSON.stringify(traceDoc([], { profile: { name: 'x', backoff: 3 } })))], /inline profile is invalid/],
  ];
  for (const [name, argv, re] of unreadable) {
    it(`2 for ${name}, with a one-line reason on stderr`, async () => {
      const r = await check(...argv());
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(re);
    });
  }
});

describe('profile resolution', () => {
  it('--profile with a built-in name overrides the trace', async () => {
    const r = await check(RECONNECT_WITHOUT_SYNC, '--profile', 'graphql-transport-ws', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.profile).toMatchObject({ name: 'graphql-transport-ws', source: 'option' });
    expect(doc.findings.map((f: { code: string }) => f.code)).not.toContain('sync-skipped');
  });

  it('a --profile whose match fits none of the connections warns (text and JSON) and exits 2, not a pass', async () => {
    const warning = 'profile "graphql-transport-ws" matches none of the 2 connections (its match: subprotocol "graphql-transport-ws", a first frame like graphql-transport-ws subscribe), so its hello, position, catch-up and heartbeat rules judged nothing; use a profile that fits the capture, or --profile auto';
    const json = await check(RECONNECT_WITHOUT_SYNC, '--profile', 'graphql-transport-ws', '--format', 'json');
    expect(json.exitCode).toBe(2);
    expect(json.stderr).toBe(`wavetrace: ${RECONNECT_WITHOUT_SYNC}: ${warning}\n`);
    const doc = JSON.parse(json.stdout);
    expect(doc.summary.profile).toEqual({ name: 'graphql-transport-ws', source: 'option', reason: '--profile graphql-transport-ws', matchedConnections: 0 });
    expect(doc.summary.warnings).toEqual([warning]);
    expect(doc.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    const text = await check(RECONNECT_WITHOUT_SYNC, '--profile', 'graphql-transport-ws');
    expect(text.exitCode).toBe(2);
    expect(text.stdout).toContain(`  profile: graphql-transport-ws (--profile graphql-transport-ws)\n  warning: ${warning}\n`);
    expect(text.stdout).toContain('Last position: none seen');
    // The same profile that fits: counted, no warning, the findings decide.
    const fits = await check(RECONNECT_WITHOUT_SYNC, '--profile', 'scaiwave', '--format', 'json');
    expect(fits.exitCode).toBe(1);
    expect(fits.stderr).toBe('');
    expect(JSON.parse(fits.stdout).summary.profile.matchedConnections).toBe(2);
    expect(JSON.parse(fits.stdout).summary.warnings).toEqual([]);
  });

  it('a trace that names a profile fitting none of its connections gets the same warning; detected profiles are not checked', async () => {
    const doc = JSON.parse(readFileSync(RECONNECT_WITHOUT_SYNC, 'utf8'));
    const file = tempFile('named-mqtt.wavetrace.json', JSON.stringify({ ...doc, profile: 'mqtt' }));
    const r = await check(file, '--format', 'json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^wavetrace: .*named-mqtt\.wavetrace\.json: profile "mqtt" matches none of the 2 connections \(its match: /);
    expect(JSON.parse(r.stdout).summary.profile).toMatchObject({ source: 'trace', matchedConnections: 0 });
    const auto = await check(file, '--profile', 'auto', '--format', 'json');
    expect(auto.stderr).toBe('');
    expect(JSON.parse(auto.stdout).summary.profile).toMatchObject({ name: 'scaiwave', source: 'detected', matchedConnections: null });
  });

  it('--profile with a JSON file', async () => {
    const scaiwave = JSON.parse(JSON.stringify((await import('../../../../src/core/profile/scaiwave')).SCAIWAVE_PROFILE));
    const file = tempFile('custom.json', JSON.stringify({ ...scaiwave, name: 'custom', position: { path: 'stream_position', contiguous: true } }));
    const doc = JSON.parse((await check(RECONNECT_WITHOUT_SYNC, '--profile', file, '--format', 'json')).stdout);
    expect(doc.summary.profile).toMatchObject({ name: 'custom', source: 'option' });
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('position-gap');
  });

  it('an inline profile in the trace', async () => {
    const scaiwave = JSON.parse(JSON.stringify((await import('../../../../src/core/profile/scaiwave')).SCAIWAVE_PROFILE));
    const doc = JSON.parse(readFileSync(RECONNECT_WITHOUT_SYNC, 'utf8'));
    const file = tempFile('inline.wavetrace.json', JSON.stringify({ ...doc, profile: { ...scaiwave, name: 'inline-sw' } }));
    const out = JSON.parse((await check(file, '--format', 'json')).stdout);
    expect(out.summary.profile).toMatchObject({ name: 'inline-sw', source: 'trace' });
  });

  it('auto-detects when the trace says "auto" or names an unknown profile, else learns one (never scaiwave for other traffic)', async () => {
    const doc = JSON.parse(readFileSync(RECONNECT_WITHOUT_SYNC, 'utf8'));
    for (const profile of ['auto', 'no-such-profile']) {
      const out = JSON.parse((await check(tempFile('a.wavetrace.json', JSON.stringify({ ...doc, profile })), '--format', 'json')).stdout);
      expect(out.summary.profile).toMatchObject({ name: 'scaiwave', source: 'detected' });
      expect(out.summary.profile.reason).toContain('URL path /v1/stream matches scaiwave');
    }
    const other = new Scenario().connect(1, 'wss://h.example.com/socket').recv(1, 'hi').build();
    const out = JSON.parse((await check(traceFile(other, { profile: 'auto' }), '--format', 'json')).stdout);
    expect(out.summary.profile).toMatchObject({ name: 'learned h.example.com/socket', source: 'learned' });
    expect(out.summary.profile.reason).toBe('learned from the capture (no preset matched): nothing usable (no position, heartbeat or hello found)');
  });
});

describe('HAR input', () => {
  it('a Chrome HAR: no close events, sync-skipped without /v1/sync (exit 1), clean with it (exit 0)', async () => {
    const bad = await check(tempFile('bad.har', chromeHar(false)), '--format', 'json');
    expect(bad.exitCode).toBe(1);
    const doc = JSON.parse(bad.stdout);
    expect(doc.summary.input).toBe('har');
    expect(doc.summary.connections[0]).toMatchObject({ conn: 'har-0', closed: null, end: { cause: 'har-end', t: Date.parse('2023-11-14T22:13:40.000Z') } });
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['sync-skipped']);
    expect(doc.findings[0].message).toBe('reconnected (no close recorded) and received stream_position 45 without GET /v1/sync?since=42');
    const good = await check(tempFile('good.har', chromeHar(true)));
    expect(good.exitCode).toBe(0);
    expect(good.stdout).toContain('input:   HAR');
    expect(good.stdout).toContain('HAR entry ends +20.0 s (no close recorded)');
  });

  it('a file named .har that is not a HAR exits 2', async () => {
    const r = await check(tempFile('x.har', '{"foo": []}'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown format/);
  });
});
