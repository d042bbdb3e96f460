/**
 * `wavetrace record` on an own protocol whose page reloads (docs/design.md#profile-learning
 * "Position reset"): the new document is welcomed afresh and its positions start again at 1,
 * while reconnects within a document resume in-band where they left off. The learned profile
 * names the welcome as `position.resetWhen`, so `check` does not read the reload as a resume
 * that skipped its catch-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startFeedApp, type FeedApp } from './lib/cli';
import { parseTrace } from '../../src/core/trace';
import type { Profile } from '../../src/core/profile/types';

// The first document reloads after 4.5 s; every connection resumes from the last seq it saw.
const PAGE = `<!doctype html><title>feed</title><script>
const doc = Number(sessionStorage.getItem('feed-doc') || '0');
sessionStorage.setItem('feed-doc', String(doc + 1));
let last;
function connect() {
  const ws = new WebSocket('ws://' + location.host + '/feed');
  ws.onopen = () => ws.send(JSON.stringify(last === undefined ? { kind: 'begin' } : { kind: 'resume', after: last }));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.kind === 'update') last = m.seq;
  };
  ws.onclose = () => setTimeout(connect, 300);
}
connect();
if (doc === 0) setTimeout(() => location.reload(), 4500);
</script>`;

describe('wavetrace record learns the frame that starts a new position sequence', () => {
  let app: FeedApp | undefined;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-record-reset-'));
  beforeAll(async () => {
    // Each client has its own stream from 1; the server cuts a link (1006) after 10 updates.
    app = await startFeedApp(PAGE, (ws, every) => {
      let seq = 0;
      let sent = 0;
      ws.on('message', (raw) => {
        const m = JSON.parse(String(raw)) as { kind: string; after?: number };
        if (m.kind === 'resume' && m.after !== undefined) {
          seq = m.after;
          ws.send(JSON.stringify({ kind: 'resumed', after: m.after }));
        } else ws.send('{"kind":"welcome"}');
        every(200, () => {
          ws.send(JSON.stringify({ kind: 'update', seq: ++seq, body: 'x' }));
          if (++sent === 10) ws.terminate();
        });
      });
    });
    url = app.url;
  });
  afterAll(() => app?.close());

  it('the inline profile has resetWhen on the welcome, and check finds no skipped catch-up', async () => {
    const out = join(dir, 'feed.wavetrace.json');
    const r = await runCli(['record', url, '--duration', '9', '--out', out, '--force']);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('wavetrace:'))).toEqual([]);
    const trace = parseTrace(readFileSync(out, 'utf8'));
    expect(trace.events.filter((e) => e.type === 'page-navigation')).toHaveLength(2); // the load and the reload
    expect(trace.events.filter((e) => e.type === 'ws-message' && e.data === '{"kind":"welcome"}').length).toBe(2);
    const profile = trace.profile as Profile;
    expect(profile.name).toMatch(/^learned /);
    expect(profile.position).toEqual({ path: 'seq', contiguous: true, resetWhen: { dir: 'in', json: { kind: 'welcome' } } });
    expect(profile.sync).toEqual({ frame: { dir: 'out', json: { kind: 'resume' } }, cursorPath: 'after' });
    const checked = await runCli(['check', out, '--format', 'json']);
    const findings = (JSON.parse(checked.stdout) as { findings: Array<{ code: string; message: string }> }).findings;
    expect(findings.filter((f) => f.code.startsWith('sync-') || f.code.startsWith('position-'))).toEqual([]);
  }, 120000);
});
