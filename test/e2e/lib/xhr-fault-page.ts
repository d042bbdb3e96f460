/**
 * A test page whose `xhrLog(url, async)` sends one GET XMLHttpRequest and resolves with what
 * the page's own code observed: every event (type, readyState, status, statusText,
 * responseText, responseURL without the origin, the content-type header) in order, and for a
 * synchronous request what `send()` threw.
 */
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
