/**
 * `wavetrace record` (docs/design.md#record) end to end: the real bin, a real browser with the built
 * extension, the reference app as the page, a file: page in Chromium; clear one-line failures for
 * a missing browser and a page that cannot be loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startFeedApp } from './lib/cli';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { startReferenceServer, type ReferenceServer } from '../reference-app';
import { parseTrace } from '../../src/core/trace';
import { redactionMark } from '../../src/core/redact';

describe('wavetrace record', () => {
  let server: ReferenceServer;
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-record-'));
  beforeAll(async () => {
    server = await startReferenceServer({ port: 0, eventIntervalMs: 200, pingIntervalMs: 1000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const browser of ['chromium', 'firefox'] as const) {
    it(`records the reference app in ${browser} into a redacted trace`, async () => {
      const out = join(dir, `${browser}.wavetrace.json`);
      const logFrom = server.log.entries().at(-1)?.seq ?? 0;
      const r = await runCli(['record', `${server.url}/`, '--duration', '2', '--browser', browser, '--out', out]);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('wavetrace:'))).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^wrote .* \(\d+ events\)\n$/);
      const text = readFileSync(out, 'utf8');
      const trace = parseTrace(text);
      expect(trace.redacted).toBe(true);
      const create = trace.events.find((e) => e.type === 'ws-create');
      expect(create && 'url' in create && create.url).toMatch(/\/v1\/stream\?token=REDACTED~[0-9a-f]{4}/);
      expect(trace.events.filter((e) => e.type === 'ws-message').length).toBeGreaterThanOrEqual(3);
      // The page recorded in the front tab (a background tab's throttled timers would change
      // its heartbeats): if its visibility changed while the panel was opened, it ends visible.
      const vis = trace.events.filter((e) => e.type === 'page-visibility').map((e) => (e as { state: string }).state);
      expect(vis.at(-1) ?? 'visible').toBe('visible');
      // No token the page used appears anywhere in the file; its redaction mark does.
      const used = server.log.after(logFrom).flatMap((e) => (e.kind === 'ws.connect' && e.query.token ? [e.query.token] : []));
      expect(used.length).toBeGreaterThan(0);
      for (const token of used) {
        expect(text).not.toContain(token);
        expect(text).toContain(redactionMark(token));
      }
    }, 120000);
  }

  it('records a file: page in Chromium (an unpacked extension may read file: pages)', async () => {
    const feed = await startFeedApp('', (ws, every) => every(100, () => ws.send('{"type":"tick"}')));
    try {
      const page = join(dir, 'page.html');
      writeFileSync(page, `<!doctype html><script>new WebSocket(${JSON.stringify(feed.url.replace('http:', 'ws:') + 'feed')})</script>`);
      const out = join(dir, 'file.wavetrace.json');
      const r = await runCli(['record', pathToFileURL(page).href, '--duration', '1', '--out', out]);
      expect([r.code, r.stderr.split('\n').filter((l) => l.startsWith('wavetrace:'))]).toEqual([0, []]);
      const trace = parseTrace(readFileSync(out, 'utf8'));
      expect(trace.events.filter((e) => e.type === 'ws-message').length).toBeGreaterThanOrEqual(3);
    } finally {
      await feed.close();
    }
  }, 120000);

  it('fails with one clear line when the browser cannot be found', async () => {
    const out = join(dir, 'none.json');
    const r = await runCli(['record', `${server.url}/`, '--duration', '1', '--out', out], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toBe('wavetrace: cannot start Chromium: CHROME_PATH=/nonexistent/chrome does not exist');
    expect(existsSync(out)).toBe(false);
  });

  it('fails with one line of its own words when the page cannot be loaded: an unsafe port, a refused connection', async () => {
    const out = join(dir, 'refused.json');
    const unsafe = await runCli(['record', 'http://127.0.0.1:6000/', '--duration', '1', '--out', out]);
    expect(unsafe.code).toBe(2);
    // The last line is ours, and no Playwright call log or stack is printed anywhere.
    expect(unsafe.stderr.trim().split('\n').pop()).toBe('wavetrace: could not open http://127.0.0.1:6000/: the browser refuses this port (ERR_UNSAFE_PORT)');
    expect(unsafe.stderr).not.toMatch(/Call log|page\.goto|\n\s+at /);
    const url = `http://127.0.0.1:${await closedPort()}/nothing-listens-here`;
    const refused = await runCli(['record', url, '--duration', '1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n').pop()).toBe(`wavetrace: could not open ${url}: nothing accepts connections there (ERR_CONNECTION_REFUSED)`);
    expect(refused.stderr).not.toMatch(/Call log|page\.goto|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('in Firefox too, with the network error code and no browser stack in the line', async () => {
    const out = join(dir, 'refused-ff.json');
    const url = `http://127.0.0.1:${await closedPort()}/nothing-listens-here`;
    const r = await runCli(['record', url, '--duration', '1', '--browser', 'firefox', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toBe(`wavetrace: could not open ${url}: nothing accepts connections there (NS_ERROR_CONNECTION_REFUSED)`);
    expect(r.stderr).not.toMatch(/Protocol error|chrome:\/\/|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

/** A port that was just free and nothing listens on (browsers refuse to load some, such as 9, at all). */
function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
