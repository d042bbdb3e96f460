/**
 * The second step of the Break menu (break-menu.tsx): the fields of a fault that takes
 * arguments (docs/design.md#fault-commands) — a close code from the list (RFC 6455, IANA and
 * the profile's own codes with their reasons) or typed in with a reason; how long to freeze
 * (empty: until thawed); how many frames to skip; how long to refuse the endpoint; how many
 * syncs to fail and how. The command is checked (`faultCommandError`) before it is sent; a bad
 * field gives one line and sends nothing. Enter applies, Escape goes back to the menu.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import type { ConnId } from '../core/events';
import type { FaultCommand } from '../core/fault/fault-command';
import { checkedCommand, closeChoices, parseWhole } from '../core/view/break-choices';
import { connLabel } from './fault-actions';

/** Menu items that open a form. */
export type FormKind = 'close' | 'freeze' | 'skip' | 'refuse' | 'fail-sync';

/** Statuses offered for a failing sync ("network": the request fails like a network error). */
const SYNC_FAILURES = ['503', '500', '502', '504', '429', '401', '403', '404', 'network'];

/** Props of {@link BreakForm}. */
export interface BreakFormProps {
  store: PanelStore;
  kind: FormKind;
  conn: ConnId | undefined;
  /** Endpoint a refuse names by default (the connection's URL without its query). */
  endpoint: string;
  onBack: () => void;
  onDone: (cmd: FaultCommand) => void;
}

/** The fields of one fault and its Apply / Back buttons. */
export function BreakForm({ store, kind, conn, endpoint, onBack, onDone }: BreakFormProps) {
  const ref = useRef<HTMLFormElement>(null);
  const choices = useMemo(() => closeChoices(store.profile.value.profile), [store.profile.value]);
  const [choice, setChoice] = useState('0');
  const [code, setCode] = useState(String(choices[0]?.code ?? 1000));
  const [reason, setReason] = useState(choices[0]?.reason ?? '');
  const [num, setNum] = useState(kind === 'skip' ? '3' : kind === 'refuse' ? '10' : kind === 'fail-sync' ? '1' : '');
  const [status, setStatus] = useState('503');
  const [ep, setEp] = useState(endpoint);
  const [error, setError] = useState('');
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [kind]);
  const name = conn === undefined ? '' : connLabel(store, conn);

  const build = (): FaultCommand | string => {
    switch (kind) {
      case 'close': {
        const c = parseWhole(code, 'Close code', 1000, 4999);
        return typeof c === 'string' ? c : checkedCommand({ kind: 'close', conn: conn!, code: c, reason, origin: 'panel' });
      }
      case 'freeze': {
        const s = parseWhole(num, 'Seconds', 1, 86_400, 0);
        return typeof s === 'string' ? s : checkedCommand({ kind: 'freeze', conn: conn!, ...(s > 0 ? { ms: s * 1000 } : {}), origin: 'panel' });
      }
      case 'skip': {
        const n = parseWhole(num, 'Frames', 1, 1_000_000);
        return typeof n === 'string' ? n : checkedCommand({ kind: 'skip', conn: conn!, count: n, origin: 'panel' });
      }
      case 'refuse': {
        const s = parseWhole(num, 'Seconds', 1, 86_400);
        return typeof s === 'string' ? s : checkedCommand({ kind: 'refuse', endpoint: ep.trim(), ms: s * 1000, origin: 'panel' });
      }
      case 'fail-sync': {
        const n = parseWhole(num, 'Requests', 1, 1_000_000);
        return typeof n === 'string' ? n : checkedCommand({ kind: 'fail-sync', count: n, status: status === 'network' ? 'network' : Number(status), origin: 'panel' });
      }
    }
  };
  const apply = (ev: Event): void => {
    ev.preventDefault();
    const cmd = build();
    if (typeof cmd === 'string') setError(cmd);
    else onDone(cmd);
  };
  const titles: Record<FormKind, string> = {
    close: `Close ${name} with a code, as if the server sent it`,
    freeze: `Freeze ${name}: half-open, nothing arrives, sends go nowhere`,
    skip: `Skip the next inbound frames of ${name}`,
    refuse: 'Refuse new connections to this endpoint',
    'fail-sync': `Fail the next requests to ${store.profile.value.profile.sync?.urlPath ?? 'the sync endpoint'}`,
  };
  return (
    <form class="break-form" ref={ref} onSubmit={apply} aria-label={titles[kind]} noValidate>
      <div class="break-form-title">{titles[kind]}</div>
      {kind === 'close' && (
        <>
          <select
            size={Math.min(8, choices.length + 1)}
            aria-label="Close code"
            value={choice}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              setChoice(v);
              const c = choices[Number(v)];
              if (c) {
                setCode(String(c.code));
                setReason(c.reason);
              }
            }}
            onKeyDown={(e) => e.key === 'Enter' && apply(e)}
          >
            {choices.map((c, i) => (
              <option key={i} value={String(i)}>{`${c.code} ${c.name}${c.reason ? ` — ${c.reason}` : ''} (${c.source})`}</option>
            ))}
            <option value="custom">Custom code and reason…</option>
          </select>
          <label>Code <input class="mono" inputMode="numeric" size={6} value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} /></label>
          <label>Reason <input class="mono" value={reason} placeholder="(none)" onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} /></label>
        </>
      )}
      {kind === 'freeze' && <label>Seconds <input inputMode="numeric" size={6} value={num} placeholder="until thawed" onInput={(e) => setNum((e.currentTarget as HTMLInputElement).value)} /> <span class="muted">empty: until thawed</span></label>}
      {kind === 'skip' && <label>Inbound frames <input inputMode="numeric" size={6} value={num} onInput={(e) => setNum((e.currentTarget as HTMLInputElement).value)} /></label>}
      {kind === 'refuse' && (
        <>
          <label>Seconds <input inputMode="numeric" size={6} value={num} onInput={(e) => setNum((e.currentTarget as HTMLInputElement).value)} /></label>
          <label>Endpoint <input class="mono" value={ep} onInput={(e) => setEp((e.currentTarget as HTMLInputElement).value)} /></label>
        </>
      )}
      {kind === 'fail-sync' && (
        <>
          <label>Requests <input inputMode="numeric" size={6} value={num} onInput={(e) => setNum((e.currentTarget as HTMLInputElement).value)} /></label>
          <label>
            Fail with{' '}
            <select aria-label="Fail with" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
              {SYNC_FAILURES.map((s) => (
                <option key={s} value={s}>{s === 'network' ? 'a network error' : `HTTP ${s}`}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {error && <div class="err" role="alert">{error}</div>}
      <div class="break-form-buttons">
        <button type="button" onClick={onBack}>Back</button>
        <button type="submit" class="primary">{kind === 'close' ? 'Close' : kind === 'freeze' ? 'Freeze' : kind === 'skip' ? 'Skip' : kind === 'refuse' ? 'Refuse' : 'Fail syncs'}</button>
      </div>
    </form>
  );
}
