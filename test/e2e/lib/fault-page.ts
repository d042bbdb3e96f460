/**
 * The page the fault e2e files load: its own code logs every event of its socket, from both
 * kinds of listener, as [how, type, code, reason, wasClean, readyState, message data].
 */
export const FAULT_PAGE = `<!doctype html><meta charset="utf-8"><title>faults</title><script>
window.log = [];
window.open1 = (url) => new Promise((resolve) => {
  const ws = new WebSocket(url);
  window.ws = ws;
  const note = (how) => (e) => window.log.push([how, e.type, e.type === 'close' ? e.code : null, e.type === 'close' ? e.reason : null, e.type === 'close' ? e.wasClean : null, ws.readyState, e.type === 'message' ? String(e.data) : null]);
  ws.onopen = () => resolve();
  ws.onmessage = note('on');
  ws.onerror = note('on');
  ws.onclose = note('on');
  for (const t of ['message', 'error', 'close']) ws.addEventListener(t, note('listener'));
});
</script>`;
