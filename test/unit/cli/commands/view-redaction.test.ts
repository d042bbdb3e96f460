/**
 * `wavetrace view` embeds the loaded capture redacted and gzip-compressed, as the panel's Export
 * report does (docs/design.md#redaction): neither a HAR's headers and cookies nor a trace's
 * `token=` query parameters, `api_key` JSON keys or `Authorization:` lines reach the report.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEmbeddedFile, reportFileOfTrace } from '../../../../src/core/export/report-html';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { runView } from '../../../../src/cli/commands/view';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const built = existsSync(join(ROOT, 'dist/wavetrace-viewer.html'));
const tmp = mkdtempSync(join(tmpdir(), 'wavetrace-view-redact-'));

const SECRETS = ['SUPERSECRET-abc123', 'SESSIONSECRET42', 'TOKENSECRET99', 'VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV', 'APIKEYSECRET7', 'GA1.1.636013294'];

/** A HAR as mitmproxy saves it: the upgrade request carries an Authorization header, cookies and query secrets. */
function secretHar(): string {
  const url = 'https://demo.example.com/v3/channel_1?api_key=VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV&notify_self&token=TOKENSECRET99';
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'mitmproxy', version: '1.2.3' },
      pages: [],
      entries: [{
        startedDateTime: '2023-08-29T13:03:20.195Z',
        time: 424,
        request: {
          method: 'GET', url, httpVersion: 'HTTP/1.1', headersSize: 708, bodySize: 0,
          cookies: [{ name: '_ga', value: 'GA1.1.636013294.1693303610' }],
          headers: [{ name: 'Authorization', value: 'Bearer SUPERSECRET-abc123' }, { name: 'Cookie', value: 'session=SESSIONSECRET42' }],
          queryString: [{ name: 'api_key', value: 'VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV' }, { name: 'token', value: 'TOKENSECRET99' }],
        },
        response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: 245, bodySize: 0 },
        cache: {},
        timings: { send: 1, wait: 100, receive: 1 },
        _resourceType: 'websocket',
        _webSocketMessages: [
          { type: 'send', time: 1693314200.5, opcode: 1, data: '{"api_key":"APIKEYSECRET7","op":"hello"}' },
          { type: 'receive', time: 1693314200.6, opcode: 1, data: 'Authorization: Bearer SUPERSECRET-abc123\nCookie: session=SESSIONSECRET42' },
        ],
      }],
    },
  });
}

/** A trace with the same secrets in its URLs and frames. */
function secretTrace(): string {
  const url = 'wss://api.example.com/stream?token=TOKENSECRET99&api_key=VCXCEuvhGcBDP7XhiJJUDvR1e1D3eiVjgZ9VRiaV';
  return JSON.stringify({
    format: 'wavetrace', version: 1, createdAt: '2023-11-14T22:14:00.000Z', redacted: false, profile: 'auto', dropped: 0,
    source: { tool: 'wavetrace 0.1.0', browser: 'Chromium 131.0', page: 'https://app.example.com/?token=TOKENSECRET99' },
    events: [
      { seq: 1, t: 1700000000000, type: 'ws-create', conn: 'c1', url, protocols: [], frameUrl: 'https://app.example.com/?token=TOKENSECRET99' },
      { seq: 2, t: 1700000000050, type: 'ws-open', conn: 'c1', protocol: '', extensions: '' },
      { seq: 3, t: 1700000000100, type: 'ws-send', conn: 'c1', readyState: 1, opcode: 1, encoding: 'text', data: '{"api_key":"APIKEYSECRET7","authorization":"Bearer SUPERSECRET-abc123"}', size: 70, truncated: false },
      { seq: 4, t: 1700000000200, type: 'ws-message', conn: 'c1', opcode: 1, encoding: 'text', data: 'Authorization: Bearer SUPERSECRET-abc123\nCookie: session=SESSIONSECRET42; _ga=GA1.1.636013294', size: 80, truncated: false },
    ],
  });
}

/** The embedded file of a report's HTML. */
function embedded(html: string) {
  const block = /<script type="application\/octet-stream" id="wavetrace-report" data-name="([^"]*)"(?: data-source="([^"]*)")?>([^<]*)<\/script>/.exec(html);
  expect(block).not.toBeNull();
  const file = decodeEmbeddedFile(block![1], block![3]!, block![2]);
  expect(file).toBeDefined();
  return file!;
}

describe('view report redaction', () => {
  for (const [kind, text, name] of [['HAR', secretHar(), 'secret.har'], ['trace', secretTrace(), 'secret.wavetrace.json']] as const) {
    it(`embeds a ${kind} as a redacted gzip trace (core)`, () => {
      for (const s of SECRETS.slice(0, 3)) expect(text).toContain(s);
      const file = reportFileOfTrace(readTraceOrHar(text, name).trace, name);
      expect(file.name).toBe('secret.wavetrace.json.gz');
      expect([file.bytes[0], file.bytes[1]]).toEqual([0x1f, 0x8b]);
      const json = gunzipSync(file.bytes).toString('utf8');
      for (const s of SECRETS) expect(json).not.toContain(s);
      const doc = JSON.parse(json) as { redacted: boolean; events: unknown[] };
      expect(doc.redacted).toBe(true);
      expect(doc.events.length).toBeGreaterThanOrEqual(3);
      expect(json).toContain('REDACTED~');
    });

    it.skipIf(!built)(`wavetrace view writes no secret of a ${kind} into the report`, async () => {
      const input = join(tmp, name);
      writeFileSync(input, text);
      const out = join(tmp, `${name}.html`);
      const r = await runView([input, '--no-open', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain(`the viewer and ${name} (redacted, gzip) in one file`);
      const html = readFileSync(out, 'utf8');
      for (const s of SECRETS) expect(html).not.toContain(s);
      const file = embedded(html);
      expect(file.name).toBe('secret.wavetrace.json.gz');
      expect(file.source).toBe(name);
      expect([file.bytes[0], file.bytes[1]]).toEqual([0x1f, 0x8b]);
      const json = gunzipSync(file.bytes).toString('utf8');
      for (const s of SECRETS) expect(json).not.toContain(s);
      expect((JSON.parse(json) as { redacted: boolean }).redacted).toBe(true);
    });
  }
});
