/**
 * Profile learning end to end (docs/design.md#profile-learning): eight apps with their own
 * protocols on 127.0.0.1, each recorded through the real extension in Chromium (page hook →
 * relay → hub → panel store → export, as `wavetrace record` does). For each: the panel used a
 * learned profile (written inline into the trace), the learned parts are what a person would
 * write, and the findings equal those from the hand-written profile — the resume that caught up
 * has no sync or position finding, the one that skipped its catch-up is `sync-skipped`.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, it } from 'vitest';
import { analyze } from '../../src/core/analysis';
import { learnProfile } from '../../src/core/profile/learn/learn-profile';
import { parseTrace } from '../../src/core/trace';
import { recordPage } from '../../src/cli/record/record-page';
import type { TraceEvent } from '../../src/core/events';
import type { Profile } from '../../src/core/profile/types';
import { APP_PROTOCOLS, HEARTBEAT_MS, startApp, type RunningApp } from './lib/app-protocols';

const running: RunningApp[] = [];
afterAll(async () => {
  for (const a of running) await a.close();
});

function judged(events: TraceEvent[], profile: Profile): string[] {
  return analyze(events, profile).findings.map((f) => `${f.code}@${f.seq}`);
}

// Each app has its own server and browser: two recordings run at a time (the e2e project's maxConcurrency).
describe.concurrent.each(APP_PROTOCOLS)('$name, recorded through the extension', (p) => {
  it('learns what a person would write; findings equal the hand-written profile', async ({ expect }) => {
    const app = await startApp(p);
    running.push(app);
    const text = await recordPage({ url: app.url, durationS: 12, browser: 'chromium', headed: false, redact: true, log: () => {} });
    if (process.env.WAVETRACE_KEEP_TRACES) writeFileSync(`${process.env.WAVETRACE_KEEP_TRACES}/${p.name}.wavetrace.json`, text);
    const trace = parseTrace(text);
    const creates = trace.events.filter((e) => e.type === 'ws-create');
    expect(creates).toHaveLength(3);
    // The panel analysed with a learned profile and the trace carries it inline.
    expect(typeof trace.profile).toBe('object');
    expect((trace.profile as Profile).name).toMatch(/^learned 127\.0\.0\.1:\d+\//);

    const learned = learnProfile(trace.events).profile;
    const hand = p.profile;
    expect(learned.position).toEqual(hand.position);
    expect(learned.heartbeat?.ping).toEqual(hand.heartbeat?.ping);
    expect(learned.heartbeat?.pong).toEqual(hand.heartbeat?.pong);
    expect(learned.heartbeat?.intervalMs).toBe(HEARTBEAT_MS);
    if (hand.hello) expect(learned.hello?.match).toEqual(hand.hello.match);
    // Where the cursor travels: the same place (a POST body the capture does not keep is
    // learned as the request that follows the reconnect, cursor unknown).
    const s = { ...hand.sync! };
    // responsePositions are learned from recorded response bodies (none for in-band or URL resumes).
    const bodies = trace.events.some((e) => e.type === 'http-response' && e.body !== undefined && /"(seq|off|i|watermark|offset)"/.test(e.body));
    if (!bodies) delete s.responsePositions;
    if (s.bodyPath) expect(learned.sync?.urlPath).toBe(s.urlPath);
    else expect(learned.sync).toEqual(s);

    const mine = judged(trace.events, learned);
    expect(mine).toEqual(judged(trace.events, hand));
    const findings = analyze(trace.events, learned).findings;
    const [, , skipping] = creates.map((e) => (e as { conn: unknown }).conn);
    // The resume that skipped its catch-up: sync-skipped (and, on a contiguous stream, the gap it leaves).
    expect(findings.filter((f) => f.code.startsWith('sync')).map((f) => [f.code, f.conn])).toEqual([['sync-skipped', skipping]]);
    // The hook keeps the bodies of same-site JSON responses near a reconnect (catch-up
    // candidates), so an HTTP catch-up's positions are known and fill the healthy resume's gap.
    if (hand.sync?.urlPath) expect(bodies).toBe(true);
    for (const f of findings.filter((x) => x.code.startsWith('position'))) {
      // Only the resume that skipped its catch-up leaves a gap (on a contiguous stream).
      expect([f.code, f.conn]).toEqual(['position-gap', skipping]);
    }
  }, 180000);
});
