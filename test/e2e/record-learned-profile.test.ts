/**
 * `wavetrace record` on an own protocol no preset matches (docs/design.md#where-a-profile-comes-from):
 * the trace carries the profile learned from the whole recording, not from its start. The
 * server's 1 s heartbeat stops after 6.5 s of a 10 s recording; the early learn (the first
 * connection's first frames) saw too few pings for a heartbeat, the whole capture has six.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startFeedApp, type FeedApp } from './lib/cli';
import { parseTrace } from '../../src/core/trace';
import type { Profile } from '../../src/core/profile/types';

const PAGE = `<!doctype html><title>feed</title><script>
const ws = new WebSocket('ws://' + location.host + '/feed');
ws.onmessage = () => {};
</script>`;

describe('wavetrace record writes the profile learned from the whole recording', () => {
  let app: FeedApp | undefined;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-record-learn-'));
  beforeAll(async () => {
    app = await startFeedApp(PAGE, (ws, every) => {
      const t0 = Date.now();
      let seq = 0;
      every(400, () => ws.send(JSON.stringify({ type: 'update', seq: ++seq, body: 'x' })));
      const ping = every(1000, () => {
        if (Date.now() - t0 > 6500) clearInterval(ping);
        else ws.send('{"type":"ping"}');
      });
    });
    url = app.url;
  });
  afterAll(() => app?.close());

  it('the heartbeat that stopped is in the inline profile, and check reports heartbeat-missed', async () => {
    const out = join(dir, 'feed.wavetrace.json');
    const r = await runCli(['record', url, '--duration', '10', '--out', out, '--force']);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('wavetrace:'))).toEqual([]);
    const trace = parseTrace(readFileSync(out, 'utf8'));
    const pings = trace.events.filter((e) => e.type === 'ws-message' && e.data === '{"type":"ping"}').length;
    expect(pings).toBeGreaterThanOrEqual(5);
    expect(trace.events.length).toBeLessThan(100); // below the doubling that relearns a live capture
    const profile = trace.profile as Profile;
    expect(profile.name).toMatch(/^learned /);
    expect(profile.heartbeat).toEqual({ intervalMs: 1000, ping: { dir: 'in', json: { type: 'ping' } } });
    const checked = await runCli(['check', out, '--format', 'json']);
    const codes = (JSON.parse(checked.stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
    expect(codes).toContain('heartbeat-missed');
  }, 120000);
});
