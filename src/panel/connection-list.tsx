/**
 * The connection list: one row per WebSocket, with its redacted URL, state and close code
 * (named per RFC 6455 §7.4.1 / IANA). Arrow keys move the selection.
 */
import type { ConnectionSummary } from '../core/store/capture-state';
import type { ConnId } from '../core/events';
import { describeCloseCode } from '../core/close-codes';
import { redactUrl } from '../core/redact';
import { SCAIWAVE_PROFILE } from '../core/profile/scaiwave';

/** Props: connections in creation order, the selection and its setter. */
export interface ConnectionListProps {
  connections: ConnectionSummary[];
  selected: ConnId | undefined;
  onSelect: (conn: ConnId | undefined) => void;
}

/** Short state label with the close code and its name when closed. */
export function connectionStateLabel(c: ConnectionSummary): string {
  if (c.status !== 'closed') return c.status;
  const code = c.closeCode ?? 1005;
  const info = describeCloseCode(code, SCAIWAVE_PROFILE.closeCodes, SCAIWAVE_PROFILE.name);
  return `closed ${code} ${info.name}`;
}

/** Class of a close for colouring: clean, abnormal, auth, server abort. */
export function closeClass(c: ConnectionSummary): string {
  if (c.status !== 'closed') return c.status;
  const code = c.closeCode ?? 1005;
  const own = SCAIWAVE_PROFILE.closeCodes?.[String(code)];
  if (own?.kind === 'auth') return 'auth';
  if (own?.kind === 'server-abort') return 'abort';
  if (code === 1006) return 'abnormal';
  return c.wasClean ? 'clean' : 'abnormal';
}

export function ConnectionList({ connections, selected, onSelect }: ConnectionListProps) {
  const index = connections.findIndex((c) => c.conn === selected);
  const onKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const next = Math.max(0, Math.min(connections.length - 1, index + (ev.key === 'ArrowDown' ? 1 : -1)));
      onSelect(connections[next]?.conn);
    } else if (ev.key === 'Escape') {
      onSelect(undefined);
    }
  };
  return (
    <div class="conn-list" role="listbox" aria-label="Connections" tabIndex={0} onKeyDown={onKey}>
      <div class={`conn-row all ${selected === undefined ? 'selected' : ''}`} role="option" aria-selected={selected === undefined} onClick={() => onSelect(undefined)}>
        <span class="conn-url">All connections</span>
        <span class="conn-meta">{connections.length}</span>
      </div>
      {connections.map((c) => (
        <div
          key={String(c.conn)}
          class={`conn-row ${c.conn === selected ? 'selected' : ''}`}
          role="option"
          aria-selected={c.conn === selected}
          data-conn={String(c.conn)}
          onClick={() => onSelect(c.conn)}
          title={redactUrl(c.url)}
        >
          <span class={`dot ${closeClass(c)}`} aria-hidden="true" />
          <span class="conn-url">{redactUrl(c.url)}</span>
          <span class={`conn-state ${closeClass(c)}`} data-testid="conn-state">{connectionStateLabel(c)}</span>
          <span class="conn-meta">↑{c.framesOut} ↓{c.framesIn}</span>
        </div>
      ))}
    </div>
  );
}
