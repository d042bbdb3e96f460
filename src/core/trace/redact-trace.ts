/**
 * Redaction of a whole trace before it leaves the machine.
 *
 * Rule: docs/design.md#redaction — "Redaction (on by default, also applied on export): query parameters
 * and JSON keys named token, access_token, … (case-insensitive, list configurable) become
 * `REDACTED~xxxx`". Applied here to every place a secret can travel in the event model.
 */
import type { TraceEvent } from '../events';
import { DEFAULT_REDACT_KEYS, redactKeySet } from '../redact';
import { createTextRedactor, type TextRedactor } from './redact-text';
import type { Trace } from './trace-format';

/**
 * Returns a redacted copy of `trace` with `redacted: true`; the input is not modified.
 * `keys` are the secret names (case-insensitive), default `DEFAULT_REDACT_KEYS`.
 *
 * What is redacted:
 * - URLs (query parameters, fragment pairs, URLs nested in them): `source.page`;
 *   `ws-create` `url`/`frameUrl`; `ws-create-failed` `url`; `http-request` `url`;
 *   `page-navigation` `url`; `worker-created` `url`; `fault` `endpoint` (a URL) and `reason`;
 * - text frame previews (`ws-send`/`ws-message` with `encoding: "text"`) and `http-response`
 *   `body`: JSON keys (also in truncated, prefixed and string-encoded JSON), `name=value`
 *   pairs, `Name: value` header lines, JWT-shaped tokens (see redact-text.ts);
 * - free text that may quote a URL: `ws-create-failed`/`ws-close-call`/`http-error` `error`,
 *   `ws-close`/`ws-close-call` `reason`;
 * - subprotocols: an entry following an entry named like a key (`["access_token", "<jwt>"]`)
 *   and JWT-shaped entries, in `ws-create` `protocols` and `ws-open` `protocol`.
 * Not redacted: binary (`base64`) previews, which cannot be parsed; `size` keeps the true
 * size of the original payload (docs/design.md#previews-and-binary-data: "size is always the true size"). Idempotent:
 * marks are never re-hashed.
 */
export function redactTrace(trace: Trace, keys: readonly string[] = DEFAULT_REDACT_KEYS): Trace {
  const r = createTextRedactor(redactKeySet(keys));
  return {
    ...trace,
    source: { ...trace.source, page: r.url(trace.source.page) },
    redacted: true,
    events: trace.events.map((e) => redactEvent(e, r)),
  };
}

/** Redacts one event (see {@link redactTrace}); returns the same object when nothing changes. */
export function redactEvent(e: TraceEvent, r: TextRedactor): TraceEvent {
  switch (e.type) {
    case 'ws-create': {
      const url = r.url(e.url);
      const frameUrl = r.url(e.frameUrl);
      const protocols = r.protocols(e.protocols);
      const same = url === e.url && frameUrl === e.frameUrl && protocols.every((p, i) => p === e.protocols[i]);
      return same ? e : { ...e, url, frameUrl, protocols };
    }
    case 'ws-create-failed': {
      const url = r.url(e.url);
      const error = r.text(e.url !== '' && url !== e.url ? e.error.split(e.url).join(url) : e.error);
      return url === e.url && error === e.error ? e : { ...e, url, error };
    }
    case 'ws-open': {
      const protocol = r.protocols([e.protocol])[0] ?? e.protocol;
      return protocol === e.protocol ? e : { ...e, protocol };
    }
    case 'ws-send':
    case 'ws-message': {
      if (e.encoding !== 'text') return e;
      const data = r.payload(e.data);
      return data === e.data ? e : { ...e, data };
    }
    case 'ws-close-call': {
      const reason = e.reason === undefined ? undefined : r.text(e.reason);
      const error = e.error === undefined ? undefined : r.text(e.error);
      if (reason === e.reason && error === e.error) return e;
      const out = { ...e };
      if (reason !== undefined) out.reason = reason;
      if (error !== undefined) out.error = error;
      return out;
    }
    case 'ws-close': {
      const reason = r.text(e.reason);
      return reason === e.reason ? e : { ...e, reason };
    }
    case 'http-request': {
      const url = r.url(e.url);
      const body = e.body === undefined ? undefined : r.payload(e.body);
      if (url === e.url && body === e.body) return e;
      const out = { ...e, url };
      if (body !== undefined) out.body = body;
      return out;
    }
    case 'page-navigation':
    case 'worker-created': {
      const url = r.url(e.url);
      return url === e.url ? e : { ...e, url };
    }
    case 'http-response': {
      if (e.body === undefined) return e;
      const body = r.payload(e.body);
      return body === e.body ? e : { ...e, body };
    }
    case 'http-error': {
      const error = r.text(e.error);
      return error === e.error ? e : { ...e, error };
    }
    case 'fault': {
      const endpoint = e.endpoint === undefined ? undefined : r.url(e.endpoint);
      const reason = e.reason === undefined ? undefined : r.text(e.reason);
      if (endpoint === e.endpoint && reason === e.reason) return e;
      const out = { ...e };
      if (endpoint !== undefined) out.endpoint = endpoint;
      if (reason !== undefined) out.reason = reason;
      return out;
    }
    default:
      return e;
  }
}
