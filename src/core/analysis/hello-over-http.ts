/**
 * A hello that arrives as an HTTP response body before its WebSocket opens (`hello.http`,
 * docs/design.md#built-in-presets): Engine.IO's open packet over long-polling
 * (`GET /socket.io/?EIO=4&transport=polling` → `0{"sid":"…","pingInterval":40000,…}`), after
 * which the WebSocket URL carries `sid`. The interval it announces becomes the connection's
 * (source `announced`, `intervalSeq` = the response's seq).
 */
import type { HttpRequestEvent, HttpResponseEvent, ReqId, WsCreateEvent } from '../events';
import { compilePath, evalPath, toPosition } from '../profile/path';
import { compileMatcher, prepareFrame, type CompiledMatcher } from '../profile/match';
import type { HelloOverHttp, Profile } from '../profile/types';
import { announceInterval } from './heartbeat-tracking';
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
    if (!this.pending.delete(e.req) || e.body === undefined) return;
    const view = prepareFrame({ dir: 'in', opcode: 1, data: e.body, encoding: 'text', truncated: e.bodyTruncated === true });
    if (!this.match.test(view)) return;
    const json = view.json(this.match.prefix);
    const id = evalPath(json, this.idPath);
    const iv = this.interval ? toPosition(evalPath(json, this.interval)) : undefined;
    if (typeof id === 'string' && iv !== undefined) this.byId.set(id, { ms: iv * this.scale, seq: e.seq });
  }

  /** `ws-create`: the interval a hello over HTTP announced for this WebSocket (by `param` in its URL). */
  apply(st: PassState, e: WsCreateEvent): void {
    const id = queryValue(e.url, this.spec.param);
    const h = id === undefined ? undefined : this.byId.get(id);
    const c = h ? st.conns.get(e.conn) : undefined;
    if (h && c) announceInterval(c, h.ms, h.seq);
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
