/**
 * `wavetrace record --resilience` without `--profile` on an own protocol no preset matches
 * (docs/design.md#record): the plan waits for the profile learned from the first connection,
 * so steps it cannot judge (an HTTP catch-up, an auth close code) are skipped, never run with
 * scaiwave's `/v1/sync` and 4001.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startFeedApp, type FeedApp } from './lib/cli';

/** A client that reconnects 300 ms after any close and answers each ping. */
const PAGE = `<!doctype html><title>feed</title><script>
function connect() {
  const ws = new WebSocket('ws://' + location.host + '/feed');
  ws.onmessage = (m) => { if (m.data === '{"type":"ping"}') ws.send('{"type":"pong"}'); };
  ws.onclose = () => setTimeout(connect, 300);
}
connect();
</script>`;

describe('record --resilience on a protocol no preset matches', () => {
  let app: FeedApp | undefined;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-resilience-learn-'));
  beforeAll(async () => {
    let seq = 0;
    app = await startFeedApp(PAGE, (ws, every) => {
      every(200, () => ws.send(JSON.stringify({ type: 'update', seq: ++seq })));
      every(1000, () => ws.send('{"type":"ping"}'));
    });
    url = app.url;
  });
  afterAll(() => app?.close());

  it('waits for the learned profile and skips what it cannot judge', async () => {
    const r = await runCli(['record', url, '--resilience', '--out', join(dir, 'feed.wavetrace.json'), '--force'], { timeoutMs: 150000 });
    expect([0, 1], r.stderr).toContain(r.code);
    const steps = r.stderr.split('\n').filter((l) => l.startsWith('resilience +'));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((l) => l.includes('/v1/sync') || l.includes('4001'))).toEqual([]);
    expect(r.stderr).toContain('resilience: no preset matches; learning the profile first');
    expect(r.stdout).toContain('· skipped      Failing catch-up: the profile has no catch-up step (no sync)');
    expect(r.stdout).toContain('· skipped      Auth close: the profile has no close code of kind "auth"');
  }, 160000);
});
