/**
 * The finding code table of docs/design.md#finding-codes (CONTRACT): severity, a short title for UIs, and the
 * default hint (what to change). Rules that know more refine the hint at the finding site.
 */
import type { FindingCode, Severity } from './types';

/** Static description of a finding code. */
export interface FindingCodeSpec {
  severity: Severity;
  /** A few words for headings and filters. */
  title: string;
  /** Default "what to change" line. */
  hint: string;
}

/** Severity, title and default hint of every docs/design.md#finding-codes code. */
export const FINDING_CODES: Readonly<Record<FindingCode, FindingCodeSpec>> = {
  'sync-skipped': {
    severity: 'error',
    title: 'resumed without sync',
    hint: 'after reconnecting, call the sync endpoint with the last processed position before handling stream frames (ScaiWave troubleshooting guide: "On reconnect → /v1/sync?since=<last_stream_position>")',
  },
  'sync-late': {
    severity: 'warning',
    title: 'sync after first frame',
    hint: 'start the sync before handling stream frames of the new connection (buffer frames until it completes)',
  },
  'sync-cursor-stale': {
    severity: 'warning',
    title: 'sync cursor behind',
    hint: 'persist the highest position you processed and send exactly that as the cursor; an older cursor replays events you already handled',
  },
  'sync-cursor-ahead': {
    severity: 'error',
    title: 'sync cursor ahead',
    hint: 'send the highest position you actually processed (not the server head from hello): events between the two are never fetched',
  },
  'sync-cursor-missing': {
    severity: 'error',
    title: 'sync without cursor',
    hint: 'pass the last processed position as the cursor parameter (ScaiWave troubleshooting guide: "/v1/sync?since=<last_stream_position>")',
  },
  'sync-cursor-mismatch': {
    severity: 'error',
    title: 'sync cursor not the last',
    hint: 'send back exactly the last cursor you received (store it as each frame is processed); an older or made-up cursor loses or replays events',
  },
  'sync-failed': {
    severity: 'error',
    title: 'sync failed',
    hint: 'retry the sync (with backoff) until it succeeds before resuming the stream; do not process live frames over a gap',
  },
  'sync-truncated': {
    severity: 'error',
    title: 'catch-up truncated',
    hint: 'when a catch-up response says it is partial (truncated, has_more, a next cursor), fetch the next page from where it ended before handling live frames',
  },
  'position-gap': {
    severity: 'warning',
    title: 'position gap',
    hint: 'positions are contiguous in this protocol: fetch the missing range with the sync endpoint',
  },
  'position-regression': {
    severity: 'warning',
    title: 'position went back',
    hint: 'deduplicate by position (skip frames at or below the last processed one); check the cursor sent on resume',
  },
  'heartbeat-missed': {
    severity: 'warning',
    title: 'heartbeat missed',
    hint: 'keep the heartbeat interval below every idle timeout on the path; background tabs throttle timers',
  },
  'pong-missing': {
    severity: 'error',
    title: 'pong missing',
    hint: 'answer every ping with a pong right away (the server aborts with ping_timeout after missed pongs)',
  },
  'silent-drop-suspected': {
    severity: 'warning',
    title: 'silent drop suspected',
    hint: 'treat a missing heartbeat as a dead connection: close and reconnect (with sync) after about 2 intervals of silence',
  },
  'half-open-undetected': {
    severity: 'error',
    title: 'dead link not noticed',
    hint: 'watch the heartbeat: when nothing arrived for about 2 intervals plus the pong timeout, close the socket yourself and reconnect (with sync); a half-open TCP link can stay "open" for minutes',
  },
  'heartbeat-doubled': {
    severity: 'warning',
    title: 'two heartbeat timers',
    hint: 'stop the heartbeat timer when a connection closes and start exactly one per connection (clearInterval before setInterval on reconnect)',
  },
  'idle-timeout-suspected': {
    severity: 'warning',
    title: 'idle timeout suspected',
    hint: 'send a heartbeat more often than the idle timeout of every proxy and load balancer on the path (e.g. every half of it); raising the idle timeout (nginx proxy_read_timeout 75–90 s) helps only where you control it',
  },
  'reconnect-storm': {
    severity: 'error',
    title: 'reconnect storm',
    hint: 'back off exponentially after successive failures (ScaiWave troubleshooting guide: immediately, then 1, 2, 4, 8 … max 30 s, with jitter)',
  },
  'reconnect-too-slow': {
    severity: 'warning',
    title: 'reconnect too slow',
    hint: 'reconnect immediately after the first drop and cap the backoff (ScaiWave troubleshooting guide: max 30 s)',
  },
  'reconnect-no-jitter': {
    severity: 'warning',
    title: 'retries without jitter',
    hint: 'randomise every retry delay (e.g. ±50 %, or full jitter) and back off exponentially: with a fixed delay all clients reconnect in step after a server restart (1012/1013) and overload it',
  },
  'reconnect-after-fatal': {
    severity: 'error',
    title: 'reconnect after fatal close',
    hint: 'do not reconnect automatically after a fatal close code; fix the cause or wait for user action',
  },
  'no-reconnect': {
    severity: 'error',
    title: 'gave up reconnecting',
    hint: 'keep reconnecting with backoff after a retryable close (1001, 1006, 1011, 1012, 1013, a server abort): the client stopped and the stream stays dead',
  },
  'session-ended': {
    severity: 'error',
    title: 'session ended',
    hint: 'tell the user the live session ended and why, and offer a way back (sign in again, reload); fix the cause the close code names',
  },
  'resume-not-granted': {
    severity: 'error',
    title: 'resume not granted',
    hint: 'send the last offset with the session id when resuming; when the server starts a new session instead, fetch what was missed another way (e.g. an HTTP catch-up) before handling live events',
  },
  'server-error': {
    severity: 'warning',
    title: 'server error frame',
    hint: 'handle the server\'s error frames: show or log them and stop, retry or re-subscribe as the error says',
  },
  'auth-retry-same-token': {
    severity: 'error',
    title: 'auth retry with same token',
    hint: 'refresh the token before reconnecting after an auth close (ScaiWave troubleshooting guide: "The web client should refresh and reconnect")',
  },
  'duplicate-connection': {
    severity: 'warning',
    title: 'duplicate connection',
    hint: 'close the old socket before opening a new one and guard against double connect (the server closes the older one: 4003 duplicate_connection)',
  },
  'tenant-changed': {
    severity: 'warning',
    title: 'tenant changed',
    hint: 'check which account/tenant the client signs in as (ScaiWave troubleshooting guide: "Check the hello frame\'s tenant_id")',
  },
  'send-while-not-open': {
    severity: 'warning',
    title: 'send while not open',
    hint: 'send only after the open event and queue messages while reconnecting; check readyState === WebSocket.OPEN',
  },
  'close-abnormal': {
    severity: 'warning',
    title: 'abnormal close',
    hint: 'look for a proxy, load balancer or network cutting the connection (idle timeouts, deploys); reconnect with backoff and sync',
  },
  'close-auth': {
    severity: 'warning',
    title: 'auth close',
    hint: 'refresh the credentials, then reconnect (check the auth refresh path)',
  },
  'close-server-abort': {
    severity: 'warning',
    title: 'server abort',
    hint: 'look for ws.disconnect in the server logs for the reason',
  },
  'capture-gap': {
    severity: 'warning',
    title: 'capture gap',
    hint: 'events were lost to capture caps here: raise the buffer size or record a shorter session',
  },
  'coverage-worker': {
    severity: 'info',
    title: 'worker not covered',
    hint: 'sockets opened inside workers are not captured; record the worker\'s traffic another way (e.g. a proxy) if it speaks WebSocket',
  },
  'fault-injected': {
    severity: 'info',
    title: 'fault injected',
    hint: 'this failure was provoked on purpose (docs/design.md#fault-injection); judge what the client did next',
  },
};

/** All codes, in the order of the docs/design.md#finding-codes table. */
export const ALL_FINDING_CODES: readonly FindingCode[] = Object.keys(FINDING_CODES) as FindingCode[];
