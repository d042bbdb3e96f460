// @ts-check
/**
 * The client's two HTTP calls (scaiwave profile): `GET /v1/token` and `GET /v1/sync`.
 * Both use plain `fetch` with no custom headers (no CORS preflight when `httpBase` points at
 * another port); the token travels as a query parameter, which Wavetrace redacts.
 */

/** A non-2xx answer; `status` is the HTTP status. */
export class HttpError extends Error {
  /** @param {string} what @param {number} status */
  constructor(what, status) {
    super(`${what} failed with HTTP ${status}`);
    this.status = status;
  }
}

/**
 * Fetches a fresh token.
 * @param {string} httpBase e.g. `http://127.0.0.1:8080`
 * @param {{ tenant?: string, ttlMs?: number | null }} opts
 * @returns {Promise<{ token: string, expiresInMs: number, tenant: string }>}
 */
export async function fetchToken(httpBase, opts) {
  const url = new URL('/v1/token', httpBase);
  if (opts.tenant) url.searchParams.set('tenant', opts.tenant);
  if (opts.ttlMs != null) url.searchParams.set('ttl_ms', String(opts.ttlMs));
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new HttpError('GET /v1/token', res.status);
  const body = await res.json();
  return { token: String(body.token), expiresInMs: Number(body.expires_in_ms), tenant: String(body.tenant_id) };
}

/**
 * Fetches the events after `since`.
 * @param {string} httpBase
 * @param {number} since
 * @param {string | null} token
 * @returns {Promise<{ events: Array<{ stream_position: number, data: unknown }>, head: number }>}
 */
export async function fetchSync(httpBase, since, token) {
  const url = new URL('/v1/sync', httpBase);
  url.searchParams.set('since', String(since));
  if (token) url.searchParams.set('token', token);
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new HttpError('GET /v1/sync', res.status);
  const body = await res.json();
  return { events: Array.isArray(body.events) ? body.events : [], head: Number(body.head) };
}
