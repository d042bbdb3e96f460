// @ts-check
/**
 * The browser reference client: the ScaiWave troubleshooting page's reconnect strategy, as plain ES modules served
 * as-is (no build step). One session loop:
 *
 *   token?  ─ GET /v1/token (at start, and after a 4001 unless `reuseToken`)
 *   sync?   ─ GET /v1/sync?since=<last_stream_position> when a last position exists
 *             ("On reconnect → /v1/sync?since=<last_stream_position> to bridge the gap, then
 *             resume the WS"); its events are processed before the stream is opened
 *   stream  ─ WS /v1/stream?token=…; hello (tenant_id, head), events, ping → pong
 *   close   ─ wait per reconnect-policy.js (immediately, then 1, 2, 4 … 30 s), loop
 *
 * A failed token or sync request counts as a failed attempt (backoff, then retry, unless
 * `giveUpAfterFailure`); the stream is
 * never resumed without a successful sync. A fatal close (1002, 1003, 1007, 1008, 1010, 1015)
 * stops the loop. When no position was processed yet, the hello's head becomes the starting
 * cursor (the client starts "from now"). State is shown only as text and data attributes
 * (status-view.js); the page has no test hooks.
 */
import { fetchSync, fetchToken, HttpError } from './api.js';
import { createCursorStore } from './cursor-store.js';
import { readParams } from './params.js';
import { createReconnectPolicy } from './reconnect-policy.js';
import { createStatusView } from './status-view.js';
import { syncCursor } from './sync-cursor.js';

const FATAL_CLOSE_CODES = [1002, 1003, 1007, 1008, 1010, 1015];

const params = readParams(location.search, location);
const view = createStatusView(document);
const cursor = createCursorStore(localStorage, params.tenant);
if (params.resetCursor) cursor.clear();
const policy = createReconnectPolicy({
  timeScale: params.timeScale,
  noBackoff: params.noBackoff,
  ...(params.stableAfterMs !== null ? { stableAfterMs: params.stableAfterMs } : {}),
});

/** @type {string | null} */
let token = params.token;
let needFreshToken = token === null;
let lastPosition = cursor.get();

for (const name of ['connects', 'opens', 'syncs', 'tokenFetches', 'eventsProcessed', 'eventsReplayed', 'pongsSent']) view.set(name, 0);
view.set('lastPosition', lastPosition);
view.set('failureStreak', 0);
view.set('switches', new URLSearchParams(location.search).toString());
view.log(`start; stored last_stream_position=${lastPosition ?? 'none'}`);

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Processes one event (from the stream or from a sync response).
 * @param {{ stream_position?: unknown }} frame
 * @param {'live' | 'sync'} via
 */
function processEvent(frame, via) {
  const position = frame.stream_position;
  if (typeof position !== 'number' || !Number.isSafeInteger(position)) return;
  if (lastPosition !== null && position <= lastPosition) {
    view.bump('eventsReplayed');
    view.log(`event ${position} (${via}) already processed — replayed`);
    return;
  }
  lastPosition = position;
  cursor.set(position);
  view.bump('eventsProcessed');
  view.set('lastPosition', position);
  view.log(`event ${position} (${via})`);
}

/** Gets a fresh token. @returns {Promise<void>} */
async function refreshToken() {
  view.set('state', 'fetching-token');
  const t = await fetchToken(params.httpBase, { tenant: params.tenant, ttlMs: params.tokenTtlMs });
  token = t.token;
  needFreshToken = false;
  view.bump('tokenFetches');
  view.log(`token #${document.body.dataset.tokenFetches} for ${t.tenant}, expires in ${t.expiresInMs} ms`);
}

/** Token (if needed) and sync (if a last position exists). @returns {Promise<boolean>} ok */
async function prepare() {
  try {
    if (needFreshToken || token === null) await refreshToken();
    const since = params.skipSync ? null : syncCursor(lastPosition, params);
    if (since === null) return true;
    view.set('state', 'syncing');
    view.set('lastSyncSince', since);
    view.bump('syncs');
    let result;
    try {
      result = await fetchSync(params.httpBase, since, token);
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 401) || params.reuseToken) throw err;
      view.log('sync got 401: refreshing the token');
      await refreshToken();
      view.bump('syncs');
      result = await fetchSync(params.httpBase, since, token);
    }
    view.log(`sync since=${since}: ${result.events.length} events, head ${result.head}`);
    view.set('head', result.head);
    for (const e of result.events) processEvent(e, 'sync');
    return true;
  } catch (err) {
    view.log(`attempt failed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/**
 * Opens the stream and resolves when it has closed (or was abandoned by the watchdog).
 * @returns {Promise<{ code: number, reason: string, openedAt: number | null, closedAt: number }>}
 */
function connectOnce() {
  return new Promise((resolve) => {
    view.set('state', 'connecting');
    view.bump('connects');
    const ws = new WebSocket(`${params.wsUrl}/v1/stream?token=${encodeURIComponent(token ?? '')}`);
    /** @type {number | null} */
    let openedAt = null;
    let lastFrameAt = performance.now();
    /** @type {ReturnType<typeof setInterval> | undefined} */
    let watchdog;
    /** @param {number} code @param {string} reason */
    const finish = (code, reason) => {
      clearInterval(watchdog);
      ws.onopen = ws.onmessage = ws.onclose = null;
      resolve({ code, reason, openedAt, closedAt: performance.now() });
    };
    ws.onopen = () => {
      openedAt = lastFrameAt = performance.now();
      view.bump('opens');
      view.set('state', 'open');
      view.log('stream open');
      if (params.watchdogMs > 0) {
        watchdog = setInterval(() => {
          if (performance.now() - lastFrameAt < params.watchdogMs) return;
          view.log(`no frame for ${params.watchdogMs} ms: abandoning the connection`);
          ws.close(4000, 'client_silence_timeout');
          finish(4000, 'client_silence_timeout');
        }, Math.max(10, params.watchdogMs / 10));
      }
    };
    ws.onmessage = (ev) => {
      lastFrameAt = performance.now();
      if (typeof ev.data !== 'string') return;
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (msg === null || typeof msg !== 'object') return;
      if (msg.type === 'hello') {
        view.set('tenant', String(msg.tenant_id));
        view.set('head', Number(msg.stream_position));
        view.log(`hello tenant_id=${String(msg.tenant_id)} head=${Number(msg.stream_position)}`);
        if (lastPosition === null && Number.isSafeInteger(msg.stream_position)) {
          lastPosition = msg.stream_position;
          cursor.set(msg.stream_position);
          view.set('lastPosition', msg.stream_position);
        }
      } else if (msg.type === 'event') {
        processEvent(msg, 'live');
      } else if (msg.type === 'ping') {
        if (params.noPong) return;
        ws.send(JSON.stringify({ type: 'pong', id: msg.id }));
        view.bump('pongsSent');
      }
    };
    ws.onclose = (ev) => finish(ev.code, ev.reason);
  });
}

/** `giveUpAfterFailure`: the loop ends after the first failed attempt. */
function giveUp() {
  view.set('state', 'stopped');
  view.log('attempt failed: giving up (giveUpAfterFailure)');
}

async function run() {
  for (;;) {
    if (!(await prepare())) {
      if (params.giveUpAfterFailure) return giveUp();
      const delay = policy.attemptFailed();
      view.set('failureStreak', policy.failureStreak);
      view.set('nextDelayMs', delay);
      view.set('state', 'waiting');
      await sleep(delay);
      continue;
    }
    const closed = await connectOnce();
    view.set('lastCloseCode', closed.code);
    view.set('lastCloseReason', closed.reason);
    view.log(`closed ${closed.code}${closed.reason ? ` ${closed.reason}` : ''}`);
    if (FATAL_CLOSE_CODES.includes(closed.code)) {
      view.set('state', 'stopped');
      view.log(`fatal close ${closed.code}: not reconnecting`);
      return;
    }
    if (closed.code === 4001) {
      if (params.reuseToken) view.log('4001: retrying with the same token (reuseToken)');
      else needFreshToken = true;
    }
    const delay = policy.connectionEnded(closed);
    if (params.giveUpAfterFailure && policy.failureStreak > 0) return giveUp();
    view.set('failureStreak', policy.failureStreak);
    view.set('nextDelayMs', delay);
    view.set('state', 'waiting');
    view.log(`reconnecting in ${delay} ms (failure streak ${policy.failureStreak})`);
    await sleep(delay);
  }
}

run();
