/**
 * Detail of the selected row. Frames: direction, connection, time (clock and since open),
 * kind and position, the true size and a truncation note when the preview is shorter
 * (docs/design.md#trace-format); the payload as a JSON tree or plain text (text frames) or as hex dump,
 * base64 or UTF-8 text (binary), with copy buttons. Lifecycle events: close code with name and
 * meaning (RFC 6455 §7.4.1 / IANA / the profile), reason, URL (redacted). Sync requests: URL,
 * status and the response body. Everything is rendered as text, never as markup.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import type { TraceEvent, WsMessageEvent, WsSendEvent } from '../core/events';
import { describeCloseCode } from '../core/close-codes';
import { formatClock, formatDuration, formatFrameSize } from '../core/format';
import { redactKeySet, redactUrl } from '../core/redact';
import { readyStateName } from '../core/analysis/format';
import { hexDump, lostPreviewNote, parseJsonPayload, previewBytes, truncationNote, utf8Text } from '../core/view/payload-views';
import { faultNote, kindLabel, positionLabel, relativeToOpen } from '../core/view/row-text';
import { faultTrackOf } from './fault-actions';
import { JsonTree } from './json-tree';
import { copyText } from './copy-text';
import { visibleText } from '../core/visible-text';
import { saveFile } from './save-file';
import { shownPart, TREE_TEXT_CAP } from '../core/view/payload-views';
import { formatCount } from '../core/view/count-format';

export { SHOWN_TEXT_CAP, TREE_TEXT_CAP } from '../core/view/payload-views';

/** Pretty JSON when the text parses (objects and arrays up to 4 MiB of text), else the text itself. */
export function prettyPayload(text: string): string {
  const j = parseJsonPayload(text);
  return j ? JSON.stringify(j.value, null, 2) : text;
}

type View = 'tree' | 'text' | 'hex' | 'base64' | 'utf8';

function CopyButton({ label, text }: { label: string; text: () => string }) {
  const [done, setDone] = useState<'' | 'ok' | 'fail'>('');
  useEffect(() => {
    if (!done) return;
    const id = setTimeout(() => setDone(''), 1200);
    return () => clearTimeout(id);
  }, [done]);
  return (
    <button type="button" onClick={() => void copyText(text()).then((ok) => setDone(ok ? 'ok' : 'fail'))} title={`Copy ${label} to the clipboard`}>
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed' : `Copy ${label}`}
    </button>
  );
}

function FramePayload({ frame }: { frame: WsSendEvent | WsMessageEvent }) {
  const binary = frame.encoding === 'base64';
  const json = useMemo(() => (binary || frame.data.length > TREE_TEXT_CAP ? undefined : parseJsonPayload(frame.data)), [frame]);
  const views: View[] = binary ? ['hex', 'base64', 'utf8'] : json ? ['tree', 'text'] : ['text'];
  const [view, setView] = useState<View>(views[0]!);
  const active = views.includes(view) ? view : views[0]!;
  const bytes = useMemo(() => (binary ? previewBytes(frame.data, 'base64') : undefined), [frame]);
  const shown = (): string => {
    if (active === 'tree') return JSON.stringify(json?.value, null, 2);
    if (active === 'hex') return hexDump(bytes!);
    if (active === 'utf8') return utf8Text(bytes!);
    return frame.data;
  };
  const LABELS: Record<View, string> = { tree: 'JSON', text: 'Text', hex: 'Hex', base64: 'Base64', utf8: 'UTF-8' };
  // Only a bounded prefix goes into the page (the hex view caps itself at 64 KiB of bytes).
  const part = active === 'tree' && json ? undefined : shownPart(shown());
  const save = () => {
    const all = binary ? bytes! : new TextEncoder().encode(frame.data);
    saveFile(all, `wavetrace-frame-${frame.seq}.${binary ? 'bin' : json ? 'json' : 'txt'}`, binary ? 'application/octet-stream' : 'text/plain');
  };
  return (
    <>
      <div class="detail-tabs" role="tablist" aria-label="Payload view">
        {views.map((v) => (
          <button type="button" role="tab" key={v} aria-selected={v === active} class={`tab ${v === active ? 'on' : ''}`} onClick={() => setView(v)}>
            {LABELS[v]}
          </button>
        ))}
        <span class="spacer" />
        {json && <CopyButton label="JSON" text={() => JSON.stringify(json.value, null, 2)} />}
        <CopyButton label={binary ? 'base64' : 'text'} text={() => frame.data} />
        {binary && <CopyButton label="hex" text={() => hexDump(bytes!)} />}
        <button type="button" onClick={save} title="Save the whole payload as a file">Save</button>
      </div>
      {part?.cut && (
        <div class="detail-note" role="note" data-testid="payload-cut">
          Showing the first {formatCount(part.text.length)} of {formatCount(frame.data.length)} characters{!binary && frame.data.length > TREE_TEXT_CAP && /^\s*[[{]/.test(frame.data.slice(0, 64)) ? ' (too large for the JSON tree)' : ''}: Copy or Save takes the whole payload.
        </div>
      )}
      <div class="detail-body" role="tabpanel">
        {active === 'tree' && json ? <JsonTree value={json.value} /> : <pre class="payload">{part!.text}</pre>}
      </div>
    </>
  );
}

function Field({ k, children }: { k: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

function EventFields({ store, e, ei }: { store: PanelStore; e: TraceEvent; ei: number }) {
  const profile = store.profile.value.profile;
  const keys = redactKeySet(store.redactKeys.value);
  switch (e.type) {
    case 'ws-create':
      return (
        <dl class="fields">
          <Field k="URL">{visibleText(redactUrl(e.url, keys))}</Field>
          <Field k="Subprotocols requested">{e.protocols.length ? e.protocols.join(', ') : 'none'}</Field>
          <Field k="Document">{redactUrl(e.frameUrl, keys)}</Field>
        </dl>
      );
    case 'ws-open':
      return (
        <dl class="fields">
          <Field k="Subprotocol">{e.protocol || 'none'}</Field>
          <Field k="Extensions">{e.extensions || 'none'}</Field>
        </dl>
      );
    case 'ws-close':
    case 'ws-close-call': {
      const code = e.code;
      const info = code === undefined ? undefined : describeCloseCode(code, profile.closeCodes, profile.name);
      const reasonMeaning = code === undefined || !e.reason ? undefined : profile.closeCodes?.[String(code)]?.reasons?.[e.reason];
      return (
        <dl class="fields">
          <Field k="Code">{code === undefined ? '(none given)' : `${code} ${info!.name}`}</Field>
          {info && <Field k="Meaning">{`${info.meaning} (${info.source})`}</Field>}
          <Field k="Reason">{e.reason ? visibleText(JSON.stringify(e.reason)) : '(empty)'}{reasonMeaning ? ` — ${visibleText(reasonMeaning)}` : ''}</Field>
          {e.type === 'ws-close' && <Field k="Clean">{e.wasClean ? 'yes (closing handshake completed)' : 'no'}</Field>}
          {e.type === 'ws-close-call' && e.error && <Field k="Threw">{visibleText(e.error)}</Field>}
        </dl>
      );
    }
    case 'ws-error':
      return <p class="muted">The browser fired an error event; a close event follows with the details it exposes (usually 1006).</p>;
    case 'http-request': {
      const r = store.index.rowOfEvent(ei);
      const doneEi = r >= 0 ? store.index.syncDone.get(r) : undefined;
      const d = doneEi === undefined ? undefined : store.state.events[doneEi];
      const body = d?.type === 'http-response' ? d.body : undefined;
      const json = body === undefined || body.length > TREE_TEXT_CAP ? undefined : parseJsonPayload(body);
      const bodyPart = body === undefined ? undefined : shownPart(body);
      return (
        <>
          <dl class="fields">
            <Field k="Request">{visibleText(`${e.method} ${redactUrl(e.url, keys)}`)}</Field>
            <Field k="Initiator">{e.initiator}</Field>
            <Field k="Result">{d?.type === 'http-response' ? `${d.status} after ${formatDuration(d.t - e.t)}` : d?.type === 'http-error' ? `error: ${visibleText(d.error)}` : 'pending'}</Field>
            {d?.type === 'http-response' && d.bodyTruncated && <Field k="Body">truncated by the capture</Field>}
          </dl>
          {bodyPart?.cut && <div class="detail-note" role="note">Showing the first {formatCount(bodyPart.text.length)} of {formatCount(body!.length)} characters of the body.</div>}
          {json ? <JsonTree value={json.value} /> : bodyPart ? <pre class="payload">{bodyPart.text}</pre> : null}
        </>
      );
    }
    default:
      return <pre class="payload">{JSON.stringify(e, null, 2)}</pre>;
  }
}

/** Props: the store (selected event). */
export function FrameDetail({ store }: { store: PanelStore }) {
  const ei = store.selectedEvent.value;
  void store.profile.value;
  void store.fills.value; // a fill replaces the selected frame's preview, size and kind
  const e = ei === undefined ? undefined : store.state.events[ei];
  if (!e) return <div class="detail empty" aria-label="Detail">Select a row in the table or a tick on the timeline to see its payload.</div>;
  const ctx = store.textContext();
  const r = store.index.rowOfEvent(ei!);
  const lane = r >= 0 ? store.index.lane.get(r) : -1;
  const laneInfo = lane >= 0 ? store.index.lanes[lane] : undefined;
  const isFrame = e.type === 'ws-send' || e.type === 'ws-message';
  const kind = r >= 0 ? kindLabel(ctx, r) : e.type;
  const pos = r >= 0 ? positionLabel(ctx, r) : '';
  const rel = r >= 0 ? relativeToOpen(ctx, r) : '';
  const done = r >= 0 ? store.index.syncDone.get(r) : undefined;
  const fault = faultNote(e, faultTrackOf(store).keptBy(e.seq)) || (done !== undefined && store.state.events[done]?.synthetic ? 'its answer was made up by Wavetrace (fault)' : '');
  const title = isFrame ? `${e.type === 'ws-send' ? '↑ Sent' : '↓ Received'} ${e.encoding === 'base64' ? 'binary' : 'text'} frame` : kind === 'sync' ? 'Sync request' : `Connection ${kind}`;
  return (
    <div class="detail" aria-label="Detail">
      <div class="detail-head">
        <strong>{title}</strong>
        {laneInfo && <span class="pill" title={String(laneInfo.conn)}>#{laneInfo.n}</span>}
        {isFrame && <span class={`pill k-${store.index.kindName(r)}`}>{kind}</span>}
        <span class="mono">{formatClock(e.t)}</span>
        {rel && <span class="muted mono" title="since the connection opened">{rel}</span>}
        {isFrame && <span class="mono" title="True size on the wire">{formatFrameSize(e.size)}</span>}
        {pos && <span class="mono" title="Stream position">pos {pos}</span>}
        <span class="muted mono">seq {e.seq}</span>
        {e.type === 'ws-send' && e.readyState !== 1 && <span class="warn">sent while {readyStateName(e.readyState)}</span>}
      </div>
      {fault && (
        <div class="detail-note warn" role="note" data-testid="fault-note">
          {fault[0]!.toUpperCase() + fault.slice(1)}.
        </div>
      )}
      {isFrame && store.isPreviewPending(ei!) ? (
        <div class="detail-note" role="note" data-testid="preview-pending">
          {e.blobUnread
            ? 'Blob bytes still arriving: the page hook reads a Blob after the page has handled the frame, and puts its bytes here when they are in.'
            : 'Full preview on its way: the page was sending faster than the live preview budget, so this frame came with its first part; the rest follows as soon as the page is quiet.'}
        </div>
      ) : isFrame && e.blobUnread ? (
        <div class="detail-note warn" role="note" data-testid="blob-unread">
          Blob bytes not captured: the page hook could not read this Blob in time (its size is known, its bytes are not).
        </div>
      ) : isFrame && e.previewLost ? (
        <div class="detail-note warn" role="note" data-testid="preview-lost">
          {lostPreviewNote(e.data, e.encoding, e.size)}
        </div>
      ) : isFrame && e.truncated && (
        <div class="detail-note warn" role="note">
          {truncationNote(e.data, e.encoding, e.size, e.truncated)} — raise the preview cap in Settings to capture more.
        </div>
      )}
      {isFrame ? <FramePayload key={ei} frame={e} /> : <div class="detail-body"><EventFields store={store} e={e} ei={ei!} /></div>}
    </div>
  );
}
