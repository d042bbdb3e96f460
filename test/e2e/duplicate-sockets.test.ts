/**
 * Two sockets of one page to the same stream (docs/design.md#order-sessions-and-connections):
 * recorded in Chromium with `wavetrace record`, judged by `check` with a hand-written profile.
 * Both sockets receive every event, so each arrives twice: one `duplicate-connection` says so
 * and counts the frames, and no `position-regression` repeats it frame by frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { runCli, startFeedApp, type FeedApp } from './lib/cli';

const PAGE = `<!doctype html><title>feed</title><script>
const url = 'ws://' + location.host + '/feed';
const a = new WebSocket(url); // a widget and the page each open the stream
const b = new WebSocket(url);
</script>`;

const PROFILE = {
  name: 'feed',
  match: { urlPath: '/feed' },
  position: { path: 'seq', contiguous: true },
  backoff: { immediateMs: 1000, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 },
};

interface Finding {
  code: string;
  message: string;
  evidence: number[];
}

describe('two sockets of one page to the same stream', () => {
  let app: FeedApp | undefined;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-dup-sockets-'));
  const clients = new Set<WebSocket>();
  let seq = 0;
  // One stream: every 150 ms the next event goes to every open socket.
  const tick = setInterval(() => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'event', seq: ++seq });
    for (const ws of clients) ws.send(text);
  }, 150);
  beforeAll(async () => {
    app = await startFeedApp(PAGE, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
    });
    url = app.url;
  });
  afterAll(async () => {
    clearInterval(tick);
    await app?.close();
  });

  it('one duplicate-connection counting the frames delivered twice, no position-regression', async () => {
    const out = join(dir, 'feed.wavetrace.json');
    const profile = join(dir, 'feed.profile.json');
    writeFileSync(profile, JSON.stringify(PROFILE));
    const r = await runCli(['record', url, '--duration', '4', '--out', out, '--force']);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('wavetrace:'))).toEqual([]);
    const checked = await runCli(['check', out, '--profile', profile, '--format', 'json']);
    const findings = (JSON.parse(checked.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.code.startsWith('position-'))).toEqual([]);
    const dup = findings.filter((f) => f.code === 'duplicate-connection');
    expect(dup).toHaveLength(1);
    const m = /; (\d+) data frames were delivered twice because of it \(seq (\d+)\.\.(\d+), already received on the other connection\)$/.exec(dup[0]!.message);
    expect(m, dup[0]!.message).not.toBeNull();
    const twice = Number(m![1]);
    expect(twice).toBeGreaterThanOrEqual(15); // ~25 events in 4 s, each on both sockets
    expect(Number(m![3]) - Number(m![2]) + 1).toBe(twice);
    expect(dup[0]!.evidence).toHaveLength(Math.min(2 + twice, 50));
  }, 120000);
});
