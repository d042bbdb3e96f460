/**
 * Which URLs `wavetrace record` takes (docs/design.md#record): the page is loaded in a browser
 * whose extension hooks it, so only pages the extension's content scripts reach can be
 * recorded. In Chromium those are http:, https: and file: (an extension loaded unpacked, as
 * `record` loads it, may read file: pages). Firefox runs the extension in http: and https:
 * pages only: its content scripts do not run in file: pages (Firefox ESR 153). Everything else is
 * refused at argument time, before a browser starts.
 */

/** The URL schemes `record` accepts in Chromium, in the order messages name them. */
export const RECORD_SCHEMES = ['http:', 'https:', 'file:'] as const;

/**
 * Why `url` cannot be recorded in `browser`, as one line, or undefined when it can.
 *
 * - `file:` in Firefox: the extension has no access to file: pages there.
 * - `http://` and the like: an accepted scheme that does not parse.
 * - `ws:`/`wss:`: the socket itself, not a page that opens it.
 * - `localhost:8080`, `127.0.0.1:8080`: a host without a scheme; the message offers `http://`.
 * - anything else (`ftp:`, `data:`, `about:`, `chrome:`…), or text that is no URL: the
 *   accepted schemes.
 * @param url the `<url>` argument as typed
 * @returns e.g. `not a URL record can load: ftp://example.com/ (record accepts http:, https: and file: URLs, not ftp:)`
 */
export function recordUrlError(url: string, browser: 'chromium' | 'firefox'): string | undefined {
  const scheme = URL.canParse(url) ? new URL(url).protocol.toLowerCase() : undefined;
  if (scheme === 'file:' && browser === 'firefox') return `cannot record ${url} in Firefox: its extensions have no access to file: pages; record it with --browser chromium, or serve the folder over http (e.g. python3 -m http.server)`;
  if (scheme && (RECORD_SCHEMES as readonly string[]).includes(scheme)) return undefined;
  if (!scheme && /^(https?|file):/i.test(url)) return `not a URL record can load: ${url} (it does not parse as a URL)`;
  const head = `not a URL record can load: ${url} (record accepts http:, https: and file: URLs`;
  if (scheme === 'ws:' || scheme === 'wss:') return `${head}: give the page that opens the WebSocket, not the socket)`;
  // "localhost:8080" parses with the scheme "localhost:", "127.0.0.1:8080" not at all.
  if (/^[\w.-]+:\d+(\/|$)/.test(url)) return `${head}; did you mean http://${url}?)`;
  return `${head}${scheme ? `, not ${scheme}` : ''})`;
}

/**
 * How the panel's tab picker starts the link of the tab being recorded: the origin of the page's
 * URL after the load (redirects followed) and a slash, e.g. `http://127.0.0.1:8080/`. The
 * picker shows the URL the page had when its hook started (docs/design.md#record), so only the
 * origin is certain to match: a page may change its path and query with `history.replaceState`
 * while it loads. A file: page has the origin "null": its prefix is `file://`. A load stopped
 * before it committed (Ctrl-C) leaves `about:blank`: the requested URL is used instead.
 * @param pageUrl the page's URL after the load
 * @param requestedUrl the URL `record` was given (http:, https: or file:)
 */
export function tabLinkPrefix(pageUrl: string, requestedUrl: string): string {
  const u = new URL(/^(https?|file):/i.test(pageUrl) ? pageUrl : requestedUrl);
  return u.origin !== 'null' ? `${u.origin}/` : `${u.protocol}//`;
}
