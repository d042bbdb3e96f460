/**
 * The connection header: for the connection in focus (or the latest one), its redacted URL,
 * subprotocol, the profile in use and why it was chosen (docs/design.md#where-a-profile-comes-from), the hello fields
 * (e.g. tenant_id, the ScaiWave troubleshooting page's "Wrong tenant scope"), its attempt (delay, expected delay, streak k,
 * docs/design.md#reconnects-and-backoff), its last close with the code's name and meaning (RFC 6455 §7.4.1, IANA, the
 * profile) and the stream positions (last processed, the server's head from the hello).
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PanelStore } from './store';
import { LearnedParts } from './learned-parts';
import type { ConnectionInfo } from '../core/analysis/types';
import { formatDuration } from '../core/format';
import { describeCloseCode } from '../core/close-codes';
import { redactKeySet, redactUrl } from '../core/redact';
import { expectedLabel } from '../core/view/timeline-scene';
import { connectionClass, connectionStateLabel } from './timeline/gutter';
import { visibleText } from '../core/visible-text';
import { BreakButton } from './break-menu';

function fieldText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
}

/** Props: the store. */
export function ConnectionHeader({ store }: { store: PanelStore }) {
  void store.version.value;
  const ref = useRef<HTMLDivElement>(null);
  // Values are cut with an ellipsis: the full text is the tooltip.
  useLayoutEffect(() => {
    ref.current?.querySelectorAll('dd').forEach((dd) => {
      const text = dd.textContent ?? '';
      if (dd.getAttribute('title') !== text) dd.setAttribute('title', text);
    });
  });
  const a = store.analysis.value;
  const resolved = store.profile.value;
  const profile = resolved.profile;
  const lanes = store.index.lanes;
  const conn = store.selectedConn.value ?? lanes[lanes.length - 1]?.conn;
  const lane = conn === undefined ? undefined : store.index.laneIndexOf(conn);
  const c = conn === undefined ? undefined : store.state.connections.get(conn);
  if (!c || lane === undefined) {
    return (
      <div class="conn-header empty" ref={ref}>
        <div class="ch-row"><span class="muted">Profile</span> <strong>{visibleText(profile.name)}</strong> <span class="muted">— {visibleText(resolved.reason)}</span></div>
        <LearnedParts store={store} />
      </div>
    );
  }
  const info: ConnectionInfo | undefined = a?.connections.find((x) => x.id === conn);
  const attempt = info?.attempt !== undefined ? a?.attempts[info.attempt] : undefined;
  const sessionAttempts = a && info ? a.attempts.filter((x) => x.session === info.session).length : undefined;
  const keys = redactKeySet(store.redactKeys.value);
  const cls = connectionClass(c, profile);
  const close = c.closeCode === undefined ? undefined : describeCloseCode(c.closeCode, profile.closeCodes, profile.name);
  const hello = info?.hello;
  const n = lanes[lane]!.n;
  return (
    <div class="conn-header" aria-label={`Connection #${n}`} ref={ref}>
      <div class="ch-row ch-title">
        <span class={`dot ${cls}`} aria-hidden="true" />
        <strong>#{n}</strong>
        <span class="ch-url mono" title={visibleText(redactUrl(c.url, keys))}>{visibleText(redactUrl(c.url, keys))}</span>
        <span class={`conn-state ${cls}`}>{connectionStateLabel(c, profile)}</span>
        <BreakButton store={store} conn={conn} />
      </div>
      <dl class="ch-grid">
        <dt>Profile</dt>
        <dd>
          <strong>{visibleText(profile.name)}</strong> <span class="muted">— {visibleText(resolved.reason)}</span>
          {profile.assumedWireFormat && <span class="muted" title="The ScaiWave troubleshooting page does not show frames: the JSON shapes with a type field are an assumption"> · frame shapes assumed</span>}
          <LearnedParts store={store} />
        </dd>
        <dt>Subprotocol</dt>
        <dd>{visibleText(c.protocol) || <span class="muted">none{c.protocols.length ? ` (requested ${c.protocols.join(', ')})` : ''}</span>}{c.extensions ? <span class="muted"> · {c.extensions}</span> : null}</dd>
        <dt>Hello</dt>
        <dd>
          {hello ? (
            Object.keys(hello.fields).length ? (
              Object.entries(hello.fields).map(([k, v]) => (
                <span key={k} class="kv"><span class="muted">{k}</span> <span class="mono">{fieldText(v)}</span></span>
              ))
            ) : (
              <span class="muted">received (no fields)</span>
            )
          ) : (
            <span class="muted">{a ? 'none seen' : '…'}</span>
          )}
          {hello?.position !== undefined && <span class="kv"><span class="muted">server head</span> <span class="mono">{hello.position}</span></span>}
        </dd>
        <dt>Attempt</dt>
        <dd>
          {attempt ? (
            <>
              <span class={`verdict v-${attempt.verdict}`}>{attempt.delayMs === undefined ? 'reconnect' : `reconnected after ${formatDuration(attempt.delayMs)}`}</span>
              <span class="muted"> · {expectedLabel(attempt)} · streak k={attempt.k}{attempt.verdict === 'too-fast' ? ' · too fast' : attempt.verdict === 'too-slow' ? ' · too slow' : ''}</span>
            </>
          ) : (
            <span class="muted">{info ? (info.index === 0 ? 'first connection of its session' : info.overlaps !== undefined ? 'overlaps an open connection (duplicate)' : 'not a reconnect') : '…'}</span>
          )}
          {sessionAttempts !== undefined && sessionAttempts > 0 && <span class="muted"> · {sessionAttempts} reconnect{sessionAttempts === 1 ? '' : 's'} in this session</span>}
        </dd>
        <dt>Close</dt>
        <dd>
          {close ? (
            <>
              <span class={`conn-state ${cls}`}>{c.closeCode} {close.name}</span>
              {c.closeReason ? <span class="mono"> {visibleText(JSON.stringify(c.closeReason))}</span> : null}
              <span class="muted"> — {visibleText(info?.closed?.reasonMeaning ?? close.meaning)}</span>
            </>
          ) : (
            <span class="muted">{c.status === 'closed' ? 'closed' : c.status === 'gone' ? 'ended by a page navigation (no close event)' : `still ${c.status}`}</span>
          )}
        </dd>
        <dt>Position</dt>
        <dd>
          {info && info.positions.count > 0 ? (
            <>
              <span class="mono">{info.positions.last}</span>
              <span class="muted"> last on this connection · {info.positions.count} carried ({info.positions.first}…{info.positions.max})</span>
            </>
          ) : (
            <span class="muted">{a ? 'no positions on this connection' : '…'}</span>
          )}
          {a?.lastPosition !== undefined && <span class="muted"> · capture last {a.lastPosition}</span>}
        </dd>
      </dl>
    </div>
  );
}
