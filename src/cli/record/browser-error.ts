/**
 * A browser driver's error as one line of Wavetrace's own words (docs/design.md#record): the
 * CLI never prints Playwright's "Call log:", a WebDriver BiDi wrapping or Firefox's chrome://
 * stack frames, only what went wrong and the browser's error code in parentheses.
 */

/** What a browser's network error code means, for the line `could not open <url>: <meaning> (<code>)`. */
const NET_MEANINGS: readonly [RegExp, string][] = [
  [/^(ERR_UNSAFE_PORT|deniedPortAccess|NS_ERROR_PORT_ACCESS_NOT_ALLOWED)$/, 'the browser refuses this port'],
  [/^(ERR_CONNECTION_REFUSED|NS_ERROR_CONNECTION_REFUSED)$/, 'nothing accepts connections there'],
  [/^(ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|NS_ERROR_UNKNOWN_HOST)$/, 'the host name does not resolve'],
  [/^(ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT|NS_ERROR_NET_TIMEOUT)$/, 'the connection timed out'],
  [/^(ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE|NS_ERROR_NET_RESET|NS_ERROR_NET_INTERRUPT)$/, 'the server closed the connection without an answer'],
  [/^(ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|NS_ERROR_OFFLINE)$/, 'the network cannot reach it'],
  [/^(ERR_FILE_NOT_FOUND|NS_ERROR_FILE_NOT_FOUND)$/, 'no such file'],
  [/^(ERR_ACCESS_DENIED|NS_ERROR_FILE_ACCESS_DENIED)$/, 'access denied'],
  [/^(ERR_CERT_\w+|SEC_ERROR_\w+|MOZILLA_PKIX_ERROR_\w+)$/, "the server's certificate is not trusted"],
  [/^(ERR_SSL_\w+|SSL_ERROR_\w+)$/, 'the TLS handshake failed (is it an https server?)'],
  [/^(ERR_ABORTED|NS_BINDING_ABORTED)$/, 'the browser aborted the load (a download, or the page navigated away)'],
  [/^(ERR_TOO_MANY_REDIRECTS|NS_ERROR_REDIRECT_LOOP)$/, 'it redirects in a loop'],
  [/^(ERR_BLOCKED_BY_CLIENT|ERR_BLOCKED_BY_RESPONSE)$/, 'the browser blocked it'],
];

/**
 * The browser's error code in a navigation error: `net::ERR_UNSAFE_PORT` (Chromium through
 * Playwright), `Error: deniedPortAccess #…` or `NS_ERROR_GENERATE_FAILURE(…, SSL_ERROR_RX_RECORD_TOO_LONG)`
 * (Firefox through WebDriver BiDi); undefined when there is none (a timeout).
 */
export function navigationErrorCode(message: string): string | undefined {
  const net = /net::(ERR_[A-Z0-9_]+)/.exec(message);
  if (net) return net[1];
  const wrapped = /NS_ERROR_GENERATE_FAILURE\([^,]*,\s*([A-Z0-9_]+)\)/.exec(message);
  if (wrapped) return wrapped[1];
  const bidi = /unknown error (?:Error: )?([A-Za-z0-9_]+)\b/.exec(message);
  if (bidi) return bidi[1];
  const ns = /\b((?:NS_ERROR|NS_BINDING)_[A-Z0-9_]+)\b/.exec(message);
  return ns?.[1];
}

/**
 * The one line when `url` could not be loaded (exit 2, docs/design.md#record):
 * `could not open http://127.0.0.1:6000/: the browser refuses this port (ERR_UNSAFE_PORT)`.
 * An unknown code is kept as it is (`the browser could not load it (ERR_X)`); a timeout says how
 * long it waited.
 * @param url the URL as given (shown as typed; the caller escapes controls)
 * @param e what the driver's `goto` threw
 * @param timeoutMs the load timeout `goto` was given, ms
 */
export function navigationFailure(url: string, e: unknown, timeoutMs: number): string {
  const message = errorMessage(e);
  const code = navigationErrorCode(message);
  if (code) {
    const meaning = NET_MEANINGS.find(([re]) => re.test(code))?.[1] ?? 'the browser could not load it';
    return `could not open ${url}: ${meaning} (${code})`;
  }
  if (isTimeout(message)) return `could not open ${url}: it did not finish loading within ${timeoutMs / 1000} s`;
  return `could not open ${url}: ${browserErrorText(e)}`;
}

/**
 * Any other driver error as one line: the first line, without Playwright's method prefix
 * (`page.evaluate: `), the BiDi wrapping (`Protocol error (script.evaluate): unknown error`) and
 * Firefox's stack frame; a closed browser or page, and timeouts, in plain words.
 */
export function browserErrorText(e: unknown): string {
  const message = errorMessage(e);
  if (/Target page, context or browser has been closed|Browser has been closed|Target closed|has been disconnected|Connection closed/i.test(message)) return 'the browser closed (did it crash, or was it closed by hand?)';
  const line = bidiErrorText((message.split('\n')[0] ?? '').replace(/^(?:[a-z][A-Za-z]*\.)+[a-z][A-Za-z]*: /, '').trim());
  // Playwright: "Timeout 20000ms exceeded while waiting for event …"; puppeteer: "Navigation timeout of 30000 ms exceeded".
  const pw = /^Timeout (\d+) ?ms exceeded\.?\s*(?:while )?(.*)$/.exec(line);
  if (pw) return `timed out after ${Number(pw[1]) / 1000} s${pw[2] ? ` ${pw[2]}` : ''}`;
  const pptr = /^(\w+) timeout of (\d+) ?ms exceeded\.?$/.exec(line);
  if (pptr) return `${pptr[1]} timed out after ${Number(pptr[2]) / 1000} s`;
  return line || 'unknown browser error';
}

/**
 * The reason in a WebDriver BiDi error, without its wrapping and Firefox's own stack frame:
 * "Protocol error (browsingContext.navigate): unknown error Error: NS_ERROR_CONNECTION_REFUSED
 * #onNavigationCommitted@chrome://…" becomes "NS_ERROR_CONNECTION_REFUSED".
 */
export function bidiErrorText(line: string): string {
  const reason = line
    .replace(/^Protocol error \([^)]*\):\s*/, '')
    .replace(/^unknown error\s*/, '')
    .replace(/^Error:\s*/, '')
    .replace(/\s+#\S*@\S+$/, '')
    .trim();
  return reason || line;
}

function errorMessage(e: unknown): string {
  return String(e instanceof Error ? e.message : e);
}

function isTimeout(message: string): boolean {
  return /Timeout \d+ ?ms exceeded|timeout of \d+ ?ms exceeded/i.test(message);
}
