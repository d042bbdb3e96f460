/**
 * Browser driver errors as one line of our own words (docs/design.md#record). The messages are
 * the ones Playwright (Chromium) and puppeteer over WebDriver BiDi (Firefox) throw for these loads.
 */
import { describe, expect, it } from 'vitest';
import { bidiErrorText, browserErrorText, navigationErrorCode, navigationFailure } from '../../../../src/cli/record/browser-error';

const callLog = (url: string) => `\nCall log:\n\u001b[2m  - navigating to "${url}", waiting until "load"\u001b[22m\n`;
const chromium = (code: string, url: string) => new Error(`page.goto: net::${code} at ${url}${callLog(url)}`);
const firefox = (reason: string) =>
  new Error(`Protocol error (browsingContext.navigate): unknown error Error: ${reason} #onNavigationCommitted@chrome://remote/content/shared/Navigate.sys.mjs:387:28\nemit@resource://gre/modules/EventEmitter.sys.mjs:156:19\n#forwardEvent@chrome://remote/content/shared/listeners/NavigationListener.sys.mjs:91:10`);

describe('navigationFailure', () => {
  it('says in one line that the browser refuses an unsafe port, in both browsers', () => {
    expect(navigationFailure('http://127.0.0.1:6000/', chromium('ERR_UNSAFE_PORT', 'http://127.0.0.1:6000/'), 30000)).toBe('could not open http://127.0.0.1:6000/: the browser refuses this port (ERR_UNSAFE_PORT)');
    expect(navigationFailure('http://127.0.0.1:6000/', firefox('deniedPortAccess'), 30000)).toBe('could not open http://127.0.0.1:6000/: the browser refuses this port (deniedPortAccess)');
  });

  it('names a refused connection, a missing file, an unresolved host and a TLS failure', () => {
    const u = 'http://127.0.0.1:38418/';
    expect(navigationFailure(u, chromium('ERR_CONNECTION_REFUSED', u), 30000)).toBe(`could not open ${u}: nothing accepts connections there (ERR_CONNECTION_REFUSED)`);
    expect(navigationFailure(u, firefox('NS_ERROR_CONNECTION_REFUSED'), 30000)).toBe(`could not open ${u}: nothing accepts connections there (NS_ERROR_CONNECTION_REFUSED)`);
    expect(navigationFailure('file:///tmp/x.html', chromium('ERR_FILE_NOT_FOUND', 'file:///tmp/x.html'), 30000)).toBe('could not open file:///tmp/x.html: no such file (ERR_FILE_NOT_FOUND)');
    expect(navigationFailure('http://no-such-host.invalid/', chromium('ERR_NAME_NOT_RESOLVED', 'http://no-such-host.invalid/'), 30000)).toBe('could not open http://no-such-host.invalid/: the host name does not resolve (ERR_NAME_NOT_RESOLVED)');
    expect(navigationFailure('https://127.0.0.1:38417/', firefox('NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, SSL_ERROR_RX_RECORD_TOO_LONG)'), 30000)).toBe(
      'could not open https://127.0.0.1:38417/: the TLS handshake failed (is it an https server?) (SSL_ERROR_RX_RECORD_TOO_LONG)',
    );
  });

  it('keeps an unknown code as it is, and says how long a load that never finished was waited for', () => {
    expect(navigationFailure('http://a.example/', chromium('ERR_SOMETHING_NEW', 'http://a.example/'), 30000)).toBe('could not open http://a.example/: the browser could not load it (ERR_SOMETHING_NEW)');
    expect(navigationFailure('http://a.example/', new Error(`page.goto: Timeout 30000ms exceeded.${callLog('http://a.example/')}`), 30000)).toBe('could not open http://a.example/: it did not finish loading within 30 s');
    expect(navigationFailure('http://a.example/', new Error('Navigation timeout of 30000 ms exceeded'), 30000)).toBe('could not open http://a.example/: it did not finish loading within 30 s');
  });

  it('never carries a call log, a stack frame or a second line', () => {
    for (const e of [chromium('ERR_UNSAFE_PORT', 'http://x/'), firefox('NS_ERROR_NET_RESET'), new Error('page.goto: something else\nCall log:\n  - x')]) {
      const line = navigationFailure('http://x/', e, 30000);
      expect(line).not.toMatch(/\n|Call log|chrome:\/\/|page\.goto|Protocol error/);
    }
  });
});

describe('navigationErrorCode', () => {
  it('finds the code in each driver wrapping, none in a timeout', () => {
    expect(navigationErrorCode('page.goto: net::ERR_ABORTED at http://x/')).toBe('ERR_ABORTED');
    expect(navigationErrorCode(firefox('NS_ERROR_UNKNOWN_HOST').message)).toBe('NS_ERROR_UNKNOWN_HOST');
    expect(navigationErrorCode('Navigation timeout of 30000 ms exceeded')).toBeUndefined();
  });
});

describe('browserErrorText', () => {
  it('drops the Playwright method prefix and the call log', () => {
    expect(browserErrorText(new Error('browserType.launchPersistentContext: Failed to launch the browser process!\n[pid=1][err] boom\nCall log:\n  - x'))).toBe('Failed to launch the browser process!');
    expect(browserErrorText(new Error('page.evaluate: TypeError: globalThis.wavetrace is undefined\n    at eval (eval at evaluate (:1:1))'))).toBe('TypeError: globalThis.wavetrace is undefined');
  });

  it('says a closed browser and a timeout in plain words', () => {
    expect(browserErrorText(new Error('page.evaluate: Target page, context or browser has been closed\nCall log: …'))).toBe('the browser closed (did it crash, or was it closed by hand?)');
    expect(browserErrorText(new Error('browserContext.waitForEvent: Timeout 20000ms exceeded while waiting for event "serviceworker"\nCall log: …'))).toBe('timed out after 20 s waiting for event "serviceworker"');
    expect(browserErrorText(new Error('page.evaluate: Timeout 5000ms exceeded.'))).toBe('timed out after 5 s');
    expect(browserErrorText(new Error('Navigation timeout of 30000 ms exceeded'))).toBe('Navigation timed out after 30 s');
  });
});

describe('bidiErrorText', () => {
  it('keeps the reason of a Firefox error, without the wrapping and the browser stack frame', () => {
    expect(bidiErrorText('Protocol error (browsingContext.navigate): unknown error Error: NS_ERROR_CONNECTION_REFUSED #onNavigationCommitted@chrome://remote/content/shared/Navigate.sys.mjs:387:28')).toBe('NS_ERROR_CONNECTION_REFUSED');
  });

  it('leaves any other line as it is', () => {
    expect(bidiErrorText('Navigation timeout of 30000 ms exceeded')).toBe('Navigation timeout of 30000 ms exceeded');
    expect(bidiErrorText('')).toBe('');
  });
});
