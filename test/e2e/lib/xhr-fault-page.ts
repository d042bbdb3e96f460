/**
 * XMLHttpRequest fail-sync in e2e tests: a test page whose `xhrLog(url, async)` sends one GET XMLHttpRequest and resolves with what
 * the page's own code observed: every event (type, readyState, status, statusText,
 * responseText, responseURL without the origin, the content-type header) in order, and for a
 * synchronous request what `send()` threw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The page (served at any path but /v1/sync). */
export const XHR_PAGE = `<!doctype html><meta charset="utf-8"><title>xhr faults</title><body><script>
window.xhrLog = (url, async) => new Promise((resolve) => {
  const x = new XMLHttpRequest();
  const log = [];
  const rec = (e) => log.push([e.type, x.readyState, x.status, x.statusText, x.responseText, x.responseURL.replace(location.origin, ''), x.getResponseHeader('content-type')]);
  for (const t of ['readystatechange', 'loadstart', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) x.addEventListener(t, rec);
  x.addEventListener('loadend', () => setTimeout(() => resolve(log), 0));
  x.open('GET', url, async);
  try {
    x.send();
  } catch (e) {
    log.push(['threw', e.name, x.readyState, x.status]);
    resolve(log);
  }
  if (!async) resolve(log);
});
</script>`;

/** An HTTP server on 127.0.0.1 for {@link XHR_PAGE}: `/v1/sync…` answers 503 with an empty body, or resets the connection when the query has `reset=1`; every other path is the page. */
export interface XhrFaultServer {
  url: string;
  /** Every `/v1/sync` request that reached the server, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** Starts an {@link XhrFaultServer}. */
export async function startXhrFaultServer(): Promise<XhrFaultServer> {
  const hits: string[] = [];
  const http: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/v1/sync')) {
      hits.push(url);
      if (url.includes('reset=1')) req.socket.destroy();
      else res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(XHR_PAGE);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => http.close(() => r())) };
}

/** The four cases compared: [fail-sync status, query of the request, async]. */
export const XHR_CASES: readonly (readonly [number | 'network', string, boolean])[] = [
  [503, 'since=1', true],
  [503, 'since=1', false],
  ['network', 'since=1&reset=1', true],
  ['network', 'since=1&reset=1', false],
];
