/**
 * WebSocket URLs that do not parse (a HAR or trace may carry any string there,
 * docs/design.md#trace-format) are text: `check` and `profile learn` read such a file instead of
 * ending with an internal error (exit 70), and `record` refuses a URL it cannot parse in one line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import { tempFile, traceDoc } from './fixtures';
import { skipSyncEvents } from '../core/view/fixtures';

const har = JSON.stringify({
  log: {
    version: '1.2', creator: { name: 'mitmproxy', version: '1.2.3' }, pages: [],
    entries: [0, 1].map((i) => ({
      startedDateTime: new Date(Date.parse('2023-08-29T13:03:20.000Z') + i * 5000).toISOString(),
      time: 3000,
      request: { method: 'GET', url: 'not a url', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {}, timings: { send: 0, wait: 50, receive: 0 }, _resourceType: 'websocket',
      _webSocketMessages: [{ type: 'receive', time: 1693314200.5 + i * 5, opcode: 1, data: '{"type":"hello","seq":1}' }],
    })),
  },
});
const trace = JSON.stringify(traceDoc(skipSyncEvents().map((e) => (e.type === 'ws-create' ? { ...e, url: 'not a url' } : e)), { profile: 'auto' }));

describe('URLs that do not parse', () => {
  for (const [name, text] of [['bad.har', har], ['bad.wavetrace.json', trace]] as const) {
    it(`check and profile learn read ${name}`, async () => {
      const f = tempFile(name, text);
      const c = await runCli(['check', f]);
      expect(c.stderr).not.toContain('internal error');
      expect([0, 1]).toContain(c.exitCode);
      const l = await runCli(['profile', 'learn', f, '--format', 'json']);
      expect(l.stderr).toBe('');
      expect(l.exitCode).toBe(0);
      expect((JSON.parse(l.stdout) as { profile: { match?: { urlPath: string } } }).profile.match?.urlPath).toBe('/not a url');
    });
  }

  it('record refuses an http URL that does not parse, before launching a browser', async () => {
    const r = await runCli(['record', 'http://']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('wavetrace: not a URL record can load: http:// (it does not parse as a URL)\n');
  });
});
