/**
 * The two HTTP endpoints of the scaiwave profile: `GET /v1/token` and `GET /v1/sync`.
 *
 * ScaiWave rules followed (docs/design.md#the-scaiwave-profile):
 * - 4001: "The web client should refresh and reconnect" → `GET /v1/token[?tenant=T][&ttl_ms=N]`
 *   always issues a fresh token: `{"token", "expires_in_ms", "tenant_id"}`.
 * - "On reconnect → `/v1/sync?since=<last_stream_position>` to bridge the gap, then resume the
 *   WS" → `GET /v1/sync?since=N[&token=T]` answers `{"events": [event frames with
 *   stream_position > N], "head": H}`. Without `token` the default tenant is used; a bad or
 *   expired token gets 401; a missing or non-integer `since` gets 400; the test control
 *   `failSync(status)` makes it answer that status (for `sync-failed`).
 * All API responses are JSON, `Cache-Control: no-store`, and allow any origin (so a page served
 * by the proxy may call the server directly and vice versa).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLog } from './event-log';
import type { TokenStore } from './token-store';
import type { SyncResponse, TokenResponse } from './wire-types';

export interface ApiContext {
  tokens: TokenStore;
  defaultTenant: string;
  /** The event log of a tenant (created on first use). */
  logFor(tenant: string): EventLog;
  /** Status `/v1/sync` must fail with, or null to work normally. */
  syncFailure(): number | null;
  /** Most events one sync response carries. */
  syncLimit: number;
}

const INTEGER = /^-?\d+$/;
/** Tenant names are kept to a safe alphabet, 1–64 characters. */
const TENANT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Writes a JSON response with the API headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
  });
  res.end(JSON.stringify(body));
}

/** Handles `/v1/token` and `/v1/sync`; returns false for any other path. */
export function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): boolean {
  if (url.pathname !== '/v1/token' && url.pathname !== '/v1/sync') return false;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': 'Authorization',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'method_not_allowed' });
    return true;
  }
  if (url.pathname === '/v1/token') handleToken(res, url, ctx);
  else handleSync(res, url, ctx);
  return true;
}

function handleToken(res: ServerResponse, url: URL, ctx: ApiContext): void {
  const tenant = url.searchParams.get('tenant') || ctx.defaultTenant;
  if (!TENANT.test(tenant)) {
    sendJson(res, 400, { error: 'bad_tenant' });
    return;
  }
  const ttlParam = url.searchParams.get('ttl_ms');
  if (ttlParam !== null && (!INTEGER.test(ttlParam) || Number(ttlParam) < 0)) {
    sendJson(res, 400, { error: 'bad_ttl_ms' });
    return;
  }
  const record = ttlParam === null ? ctx.tokens.issue(tenant) : ctx.tokens.issue(tenant, Number(ttlParam));
  const body: TokenResponse = { token: record.token, expires_in_ms: record.expiresAt - record.issuedAt, tenant_id: tenant };
  sendJson(res, 200, body);
}

function handleSync(res: ServerResponse, url: URL, ctx: ApiContext): void {
  const failure = ctx.syncFailure();
  if (failure !== null) {
    sendJson(res, failure, { error: 'sync_failed' });
    return;
  }
  let tenant = ctx.defaultTenant;
  const token = url.searchParams.get('token');
  if (token !== null) {
    const check = ctx.tokens.check(token);
    if (!check.ok) {
      sendJson(res, 401, { error: check.reason });
      return;
    }
    tenant = check.record.tenant;
  }
  const since = url.searchParams.get('since');
  if (since === null || !INTEGER.test(since)) {
    sendJson(res, 400, { error: since === null ? 'missing_since' : 'bad_since' });
    return;
  }
  const log = ctx.logFor(tenant);
  const body: SyncResponse = { events: log.since(Number(since), ctx.syncLimit), head: log.head };
  sendJson(res, 200, body);
}
