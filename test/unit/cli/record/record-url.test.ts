/** Which URLs `wavetrace record` takes (docs/design.md#record), and how the loaded tab is found in the panel's picker. */
import { describe, expect, it } from 'vitest';
import { recordUrlError, tabLinkPrefix } from '../../../../src/cli/record/record-url';
import { defaultTraceName } from '../../../../src/cli/commands/record';

describe('recordUrlError', () => {
  it('takes http:, https: and, in Chromium, file: URLs', () => {
    for (const url of ['http://127.0.0.1:8080/', 'https://app.example/chat?room=1', 'HTTP://EXAMPLE.COM', 'file:///tmp/page.html']) expect(recordUrlError(url, 'chromium')).toBeUndefined();
    for (const url of ['http://127.0.0.1:8080/', 'https://app.example/']) expect(recordUrlError(url, 'firefox')).toBeUndefined();
  });

  it('refuses file: in Firefox, saying the extension has no access there and what to do instead', () => {
    expect(recordUrlError('file:///tmp/page.html', 'firefox')).toBe('cannot record file:///tmp/page.html in Firefox: its extensions have no access to file: pages; record it with --browser chromium, or serve the folder over http (e.g. python3 -m http.server)');
  });

  it('refuses every other scheme in one line naming the accepted ones', () => {
    expect(recordUrlError('ftp://example.com/', 'chromium')).toBe('not a URL record can load: ftp://example.com/ (record accepts http:, https: and file: URLs, not ftp:)');
    expect(recordUrlError('data:text/html,<p>hi', 'chromium')).toBe('not a URL record can load: data:text/html,<p>hi (record accepts http:, https: and file: URLs, not data:)');
    expect(recordUrlError('chrome://version', 'chromium')).toBe('not a URL record can load: chrome://version (record accepts http:, https: and file: URLs, not chrome:)');
    expect(recordUrlError('about:blank', 'firefox')).toBe('not a URL record can load: about:blank (record accepts http:, https: and file: URLs, not about:)');
    expect(recordUrlError('not a url', 'chromium')).toBe('not a URL record can load: not a url (record accepts http:, https: and file: URLs)');
  });

  it('points a socket URL at its page, and a host:port without a scheme at http://', () => {
    expect(recordUrlError('wss://app.example/v1/stream', 'chromium')).toBe('not a URL record can load: wss://app.example/v1/stream (record accepts http:, https: and file: URLs: give the page that opens the WebSocket, not the socket)');
    expect(recordUrlError('localhost:8080', 'chromium')).toBe('not a URL record can load: localhost:8080 (record accepts http:, https: and file: URLs; did you mean http://localhost:8080?)');
    expect(recordUrlError('127.0.0.1:8080/app', 'firefox')).toBe('not a URL record can load: 127.0.0.1:8080/app (record accepts http:, https: and file: URLs; did you mean http://127.0.0.1:8080/app?)');
  });
});

describe('tabLinkPrefix', () => {
  it("is the origin of the page's final URL and a slash: path and query may change while it loads", () => {
    expect(tabLinkPrefix('http://127.0.0.1:47123/?token=secret&skipSync', 'http://127.0.0.1:47123/')).toBe('http://127.0.0.1:47123/');
    // Redirected to another origin: the page's, not the one asked for.
    expect(tabLinkPrefix('https://www.example.com/login#x', 'http://example.com/')).toBe('https://www.example.com/');
    // Port 8080 is not a prefix of port 80801.
    expect('http://127.0.0.1:80801/'.startsWith(tabLinkPrefix('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/'))).toBe(false);
  });

  it('is file:// for a file: page, whose origin is "null"', () => {
    expect(new URL('file:///tmp/page.html').origin).toBe('null');
    expect(tabLinkPrefix('file:///tmp/page.html', 'file:///tmp/page.html')).toBe('file://');
  });

  it('falls back to the requested URL when the load was stopped before it committed', () => {
    expect(tabLinkPrefix('about:blank', 'http://127.0.0.1:8080/app')).toBe('http://127.0.0.1:8080/');
  });
});

it('a file: recording gets a default name like any other', () => {
  expect(defaultTraceName('file:///tmp/page.html', new Date(2026, 0, 2, 3, 4, 5))).toMatch(/^wavetrace-[\w.-]*20260102-030405\.wavetrace\.json$/);
});
