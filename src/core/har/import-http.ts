/**
 * One HTTP entry of a HAR → `http-request` and `http-response` / `http-error`
 * (docs/design.md#har-import-and-export).
 */
import type { HttpRequestEvent, HttpResponseEvent, ReqId } from '../events';
import { base64ToBytes } from './base64';
import { freshId, isId, isMs, isRec, str, toNumber, waitedMs, type Rec } from './har-fields';
import type { ImportContext } from './import-context';

/**
 * Imports entry `i` that started at `start` ms: `http-request` (initiator `xhr` for Chrome
 * `_resourceType: "xhr"`, `beacon` for `ping`, else `fetch`), then `http-response` (status > 0;
 * t = start + timings up to `wait`; `body` only from `content.text`, base64 only when it
 * decodes as UTF-8) or `http-error` (status 0 with `_error`). Req id: `_wavetrace.req`, else
 * `har-<i>`, made unique.
 */
export function importHttp(entry: Rec, request: Rec, response: Rec, start: number, i: number, ctx: ImportContext): void {
  const { push, usedReqs } = ctx;
  const wt = isRec(entry._wavetrace) && isId(entry._wavetrace.req) ? entry._wavetrace : undefined;
  let req: ReqId = wt ? (wt.req as ReqId) : `har-${i}`;
  if (usedReqs.has(req)) req = freshId(usedReqs, i);
  usedReqs.add(req);
  const rt = entry._resourceType;
  const initiator =
    wt && (wt.initiator === 'fetch' || wt.initiator === 'xhr' || wt.initiator === 'beacon')
      ? wt.initiator
      : rt === 'xhr'
        ? 'xhr'
        : rt === 'ping'
          ? 'beacon'
          : 'fetch';
  const t = wt && isMs(wt.t) ? wt.t : start;
  const reqEv: Omit<HttpRequestEvent, 'seq'> = { type: 'http-request', t, req, method: typeof request.method === 'string' ? request.method : 'GET', url: str(request.url), initiator };
  // The request body (HAR `postData.text`): a catch-up may carry its cursor there (`sync.bodyPath`).
  const post = isRec(request.postData) ? request.postData.text : undefined;
  if (typeof post === 'string' && post !== '') reqEv.body = post;
  push(t, reqEv);

  const status = toNumber(response.status);
  const error = typeof response._error === 'string' && response._error !== '' ? response._error : undefined;
  let endT: number | undefined;
  if (wt) endT = isMs(wt.endT) ? Math.max(wt.endT, t) : undefined;
  else if (status !== undefined && status > 0) {
    endT = t + waitedMs(isRec(entry.timings) ? entry.timings : {});
  } else if (error !== undefined) {
    const total = toNumber(entry.time);
    endT = total !== undefined && total >= 0 && isMs(t + total) ? t + total : t;
  }
  if (endT === undefined || !isMs(endT)) return;

  if (status !== undefined && status > 0 && Number.isSafeInteger(status) && status <= 999) {
    const e: Omit<HttpResponseEvent, 'seq'> = { type: 'http-response', t: endT, req, status };
    const body = bodyText(response.content);
    if (body !== undefined) e.body = body;
    if (wt && wt.bodyTruncated === true) e.bodyTruncated = true;
    push(endT, e);
  } else if (error !== undefined || wt) {
    push(endT, { type: 'http-error', t: endT, req, error: error ?? 'no response' });
  }
}

/** `content.text` as text: as is, or decoded from base64 when that is valid UTF-8. */
function bodyText(content: unknown): string | undefined {
  if (!isRec(content) || typeof content.text !== 'string') return undefined;
  if (content.encoding !== 'base64') return content.text;
  const bytes = base64ToBytes(content.text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
