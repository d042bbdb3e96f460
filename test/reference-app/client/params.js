// @ts-check
/**
 * Query-string switches of the reference client. Each one reproduces a failure mode of the
 * ScaiWave troubleshooting page (docs/design.md#the-scaiwave-profile) so Wavetrace has something to find:
 *
 * | switch            | effect                                                          | finding it provokes      |
 * |-------------------|-----------------------------------------------------------------|--------------------------|
 * | timeScale=F       | multiplies every backoff delay and stableAfterMs (default 1)    | —                        |
 * | stableAfterMs=N   | a connection open ≥ N ms resets the backoff (default 10000·F)   | —                        |
 * | skipSync          | never calls /v1/sync before resuming                            | sync-skipped             |
 * | staleCursor       | syncs from last − 5                                             | sync-cursor-stale        |
 * | cursorAhead       | syncs from last + 5                                             | sync-cursor-ahead        |
 * | noBackoff         | reconnects every 50 ms                                          | reconnect-storm          |
 * | reuseToken        | after 4001 retries with the same token                          | auth-retry-same-token    |
 * | noPong            | never answers pings (server closes 4003 ping_timeout)           | pong-missing             |
 * | token=T           | starts with token T instead of fetching one (e.g. a bad one)    | close-auth               |
 * | tokenTtlMs=N      | asks /v1/token for tokens living N ms                           | close-auth               |
 * | tenant=T          | asks /v1/token for tenant T                                     | tenant-changed           |
 * | wsUrl=ws://h:p    | stream origin (e.g. the idle proxy); default: the page's origin | —                        |
 * | httpBase=http://h:p | origin for /v1/token and /v1/sync; default: the page's origin | —                        |
 * | watchdogMs=N      | abandons a connection silent for N ms and reconnects (0 = off:  | half-open-undetected     |
 * |                   | the client never notices a silent link by itself)               |                          |
 * | giveUpAfterFailure | stops for good after the first failed attempt (a token or sync | no-reconnect             |
 * |                   | request failed, or a connection ended before it was established)|                          |
 * | resetCursor       | forgets the stored last_stream_position at load                 | —                        |
 *
 * A boolean switch is on when present with no value or with 1/true/yes/on.
 */

/**
 * @typedef {object} ClientParams
 * @property {number} timeScale
 * @property {number | null} stableAfterMs
 * @property {boolean} skipSync
 * @property {boolean} staleCursor
 * @property {boolean} cursorAhead
 * @property {boolean} noBackoff
 * @property {boolean} reuseToken
 * @property {boolean} noPong
 * @property {string | null} token
 * @property {number | null} tokenTtlMs
 * @property {string} tenant
 * @property {string} wsUrl origin without trailing slash
 * @property {string} httpBase origin without trailing slash
 * @property {number} watchdogMs
 * @property {boolean} resetCursor
 * @property {boolean} giveUpAfterFailure
 */

/**
 * @param {string} search `location.search`
 * @param {{ protocol: string, host: string, origin: string }} loc `location`
 * @returns {ClientParams}
 */
export function readParams(search, loc) {
  const q = new URLSearchParams(search);
  /** @param {string} name */
  const flag = (name) => {
    const v = q.get(name);
    return v !== null && ['', '1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  };
  /** @param {string} name @param {number | null} fallback */
  const num = (name, fallback) => {
    const v = q.get(name);
    if (v === null || v === '') return fallback;
    const n = Number(v);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  /** @param {string} url */
  const trim = (url) => url.replace(/\/+$/, '');
  const timeScale = num('timeScale', 1) || 1;
  return {
    timeScale,
    stableAfterMs: num('stableAfterMs', null),
    skipSync: flag('skipSync'),
    staleCursor: flag('staleCursor'),
    cursorAhead: flag('cursorAhead'),
    noBackoff: flag('noBackoff'),
    reuseToken: flag('reuseToken'),
    noPong: flag('noPong'),
    token: q.get('token') || null,
    tokenTtlMs: num('tokenTtlMs', null),
    tenant: q.get('tenant') || '',
    wsUrl: trim(q.get('wsUrl') || `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}`),
    httpBase: trim(q.get('httpBase') || loc.origin),
    watchdogMs: num('watchdogMs', 0) ?? 0,
    resetCursor: flag('resetCursor'),
    giveUpAfterFailure: flag('giveUpAfterFailure'),
  };
}
