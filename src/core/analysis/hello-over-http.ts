/**
 * A hello that arrives as an HTTP response body before its WebSocket opens (`hello.http`,
 * docs/design.md#built-in-presets): Engine.IO's open packet over long-polling
 * (`GET /socket.io/?EIO=4&transport=polling` → `0{"sid":"…","pingInterval":40000,…}`), after
 * which the WebSocket URL carries `sid`. The interval it announces becomes the connection's
 * (source `announced`, `intervalSeq` = the response's seq). The hook records a kept body when
 * it has been read, so the response may come after the WebSocket's `ws-create` in the trace:
 * either order works.
 */
import type { HttpRequestEvent, HttpResponseEvent, ReqId, WsCreateEvent } from '../events';
import { compilePath, evalPath, toPosition } from '../profile/path';
import { compileMatcher, prepareFrame, type CompiledMatcher } from '../profile/match';
import type { HelloOverHttp, Profile } from '../profile/types';
import { announceInterval } from './heartbeat-tracking';
import type { ConnState } from './connection-state';
import type { PassState } from './pass-state';
import { urlPath } from './url-parts';

/** Per-pass state: requests to `hello.http.urlPath` and the hellos found, by id. */
export class HttpHellos {
  private readonly spec: HelloOverHttp;
  private readonly match: CompiledMatcher;
  private readonly idPath: ReturnType<typeof compilePath>;
  private readonly interval: ReturnType<typeof compilePath> | undefined;
  private readonly scale: number;
  private readonly pending = new Map<ReqId, true>();
  private readonly byId = new Map<string, { ms: number; seq: number }>();
  /** WebSockets created before their hello's response was recorded, by id. */
  private readonly waiting = new Map<string, ConnState>();

  private constructor(profile: Profile, spec: HelloOverHttp) {
    this.spec = spec;
    this.match = compileMatcher(profile.hello!.match, 'profile.hello.match');
    this.idPath = compilePath(spec.idPath);
    const ip = profile.heartbeat?.intervalPath;
    this.interval = ip ? compilePath(ip) : undefined;
    this.scale = profile.heartbeat?.intervalScale ?? 1;
  }

  /** The tracker for `profile`, or undefined when it declares no `hello.http`. */
  static of(profile: Profile): HttpHellos | undefined {
    const spec = profile.hello?.http;
    if (!spec || !profile.heartbeat?.intervalPath) return undefined;
    try {
      return new HttpHellos(profile, spec);
    } catch {
      return undefined; // unvalidated profile with a bad matcher or path: no HTTP hellos
    }
  }

  /** `http-request` to the declared path: its response may be a hello. */
  request(e: HttpRequestEvent): void {
    if (urlPath(e.url) === this.spec.urlPath) this.pending.set(e.req, true);
  }

  /** `http-response` with a body: a hello when it matches `hello.match` as an inbound text frame. */
  response(e: HttpResponseEvent): void {
    const h = this.read(e);
    if (!h) return;
    this.byId.set(h.id, { ms: h.ms, seq: e.seq });
    const c = this.waiting.get(h.id);
    if (c) {
      this.waiting.delete(h.id);
      announceInterval(c, h.ms, e.seq);
    }
  }

  private read(e: HttpResponseEvent): { id: string; ms: number } | undefined {
    if (!this.pending.delete(e.req) || e.body === undefined) return undefined;
    const view = prepareFrame({ dir: 'in', opcode: 1, data: e.body, encoding: 'text', truncated: e.bodyTruncated === true });
    if (!this.match.test(view)) return undefined;
    const json = view.json(this.match.prefix);
    const id = evalPath(json, this.idPath);
    const iv = this.interval ? toPosition(evalPath(json, this.interval)) : undefined;
    return typeof id === 'string' && iv !== undefined ? { id, ms: iv * this.scale } : undefined;
  }

  /** `ws-create`: the interval a hello over HTTP announced for this WebSocket (by `param` in its URL). */
  apply(st: PassState, e: WsCreateEvent): void {
    const id = queryValue(e.url, this.spec.param);
    const c = st.conns.get(e.conn);
    if (id === undefined || !c) return;
    const h = this.byId.get(id);
    if (h) announceInterval(c, h.ms, h.seq);
    else this.waiting.set(id, c);
  }
}

function queryValue(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  for (const part of url.slice(q + 1).split('#')[0]!.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1));
      } catch {
        return part.slice(eq + 1);
      }
    }
  }
  return undefined;
}
