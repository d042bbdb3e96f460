/**
 * The *Break* menu (docs/design.md#panel-and-viewer, "Break menu"): injects a fault
 * (docs/design.md#fault-commands) into a live connection — Drop, Close with code…, Freeze…,
 * Skip frames… — or tab-wide for its endpoint — Refuse new connections…, Fail next syncs….
 * Opened from the connection header, a frames-table row's context menu (right-click, the
 * context-menu key or Shift+F10) and the toolbar (acting on the newest open connection).
 * Keyboard: arrows / Home / End move, Enter or Space picks, Escape goes back a step and then
 * closes; focus returns to what opened it. Items that cannot act are disabled and say why.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PanelStore } from './store';
import type { ConnId } from '../core/events';
import { breakUnavailable, endpointOf, failSyncUnavailable } from '../core/view/break-choices';
import { BreakForm, type FormKind } from './break-form';
import { connLabel, newestOpen, sendFault } from './fault-actions';

interface Item {
  id: FormKind | 'drop';
  label: string;
  why: string;
}

/** Props of {@link BreakPopup}: the target connection (undefined = none open), where to show it, and how to close it. */
export interface BreakPopupProps {
  store: PanelStore;
  conn: ConnId | undefined;
  x: number;
  y: number;
  onClose: () => void;
}

/** The menu itself, fixed at (x, y) in the panel's viewport, clamped to it. */
export function BreakPopup({ store, conn, x, y, onClose }: BreakPopupProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<FormKind | undefined>(undefined);
  const [focus, setFocus] = useState(0);
  const c = conn === undefined ? undefined : store.state.connections.get(conn);
  const live = store.live.value && !!store.requestFault;
  const connWhy = breakUnavailable({ live, conn, status: c?.status });
  const tabWhy = live ? '' : breakUnavailable({ live });
  const name = conn === undefined ? '' : ` ${connLabel(store, conn)}`;
  const items: Item[] = [
    { id: 'drop', label: `Drop${name}`, why: connWhy },
    { id: 'close', label: `Close${name} with code…`, why: connWhy },
    { id: 'freeze', label: `Freeze${name}…`, why: connWhy },
    { id: 'skip', label: `Skip frames on${name}…`, why: connWhy },
    { id: 'refuse', label: 'Refuse new connections to this endpoint…', why: tabWhy || (c ? '' : 'No connection whose endpoint to refuse') },
    { id: 'fail-sync', label: 'Fail next syncs…', why: tabWhy || failSyncUnavailable(store.profile.value.profile) },
  ];
  const [pos, setPos] = useState({ x, y });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ x: Math.max(4, Math.min(x, window.innerWidth - r.width - 4)), y: Math.max(4, Math.min(y, window.innerHeight - r.height - 4)) });
  }, [x, y, form]);
  // A layout effect: the focus moves with the render of the key press, not a frame later (a
  // panel in a background tab gets no animation frames, and a fast next key would act on the old item).
  useLayoutEffect(() => {
    if (form === undefined) ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]')[focus]?.focus();
  }, [focus, form]);
  // A click outside closes the menu.
  useEffect(() => {
    const down = (ev: MouseEvent): void => {
      if (ref.current && !ref.current.contains(ev.target as Node)) onClose();
    };
    document.addEventListener('mousedown', down, true);
    return () => document.removeEventListener('mousedown', down, true);
  }, [onClose]);

  const pick = (it: Item): void => {
    if (it.why) return;
    if (it.id === 'drop') {
      if (conn !== undefined) sendFault(store, { kind: 'drop', conn, origin: 'panel' });
      onClose();
      return;
    }
    setForm(it.id);
  };
  const onKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      if (form !== undefined) setForm(undefined);
      else onClose();
      return;
    }
    if (form !== undefined) return;
    const moves: Record<string, number> = { ArrowDown: (focus + 1) % items.length, ArrowUp: (focus + items.length - 1) % items.length, Home: 0, End: items.length - 1 };
    const to = moves[ev.key];
    if (to !== undefined) {
      ev.preventDefault();
      setFocus(to);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      pick(items[focus]!);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
    }
  };
  const style: JSX.CSSProperties = { left: `${pos.x}px`, top: `${pos.y}px` };
  return (
    <div class="break-menu" ref={ref} style={style} onKeyDown={onKey} data-testid="break-menu">
      {form === undefined ? (
        <div role="menu" aria-label={`Break${name}`}>
          {items.map((it, i) => (
            <div
              key={it.id}
              role="menuitem"
              tabIndex={i === focus ? 0 : -1}
              aria-disabled={it.why ? 'true' : undefined}
              class={`break-item${it.why ? ' disabled' : ''}${i === 4 ? ' sep-above' : ''}`}
              title={it.why || undefined}
              onClick={() => pick(it)}
              onMouseEnter={() => setFocus(i)}
            >
              {it.label}
              {it.why && <span class="break-why">{it.why}</span>}
            </div>
          ))}
        </div>
      ) : (
        <BreakForm
          store={store}
          kind={form}
          conn={conn}
          endpoint={c ? endpointOf(c.url) : ''}
          onBack={() => setForm(undefined)}
          onDone={(cmd) => {
            if (sendFault(store, cmd)) onClose();
          }}
        />
      )}
    </div>
  );
}

/** Where a menu is open: its target and position; `back` gets the focus when it closes. */
interface OpenMenu {
  conn: ConnId | undefined;
  x: number;
  y: number;
  back: HTMLElement | null;
}

/**
 * State of one Break menu: `open(conn, at)` shows it below `at` (an element) or at a mouse
 * position; `popup` renders it; closing returns the focus to the element that had it.
 */
export function useBreakMenu(store: PanelStore): { open: (conn: ConnId | undefined, at: HTMLElement | { x: number; y: number }) => void; popup: JSX.Element | null } {
  const [menu, setMenu] = useState<OpenMenu | undefined>(undefined);
  const open = (conn: ConnId | undefined, at: HTMLElement | { x: number; y: number }): void => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (at instanceof HTMLElement) {
      const r = at.getBoundingClientRect();
      setMenu({ conn, x: r.left, y: r.bottom + 2, back });
    } else setMenu({ conn, x: at.x, y: at.y, back });
  };
  const close = (): void => {
    const back = menu?.back;
    setMenu(undefined);
    if (back && back.isConnected) back.focus();
  };
  return { open, popup: menu ? <BreakPopup store={store} conn={menu.conn} x={menu.x} y={menu.y} onClose={close} /> : null };
}

/**
 * A "Break ▾" button; `conn` undefined: the newest open connection at the moment it opens.
 * Renders nothing where no fault can ever be sent (the viewer and a report: no live page).
 */
export function BreakButton({ store, conn, label = 'Break ▾' }: { store: PanelStore; conn?: ConnId; label?: string }) {
  const m = useBreakMenu(store);
  if (!store.requestFault) return null;
  const live = store.live.value && !!store.requestFault;
  const target = (): ConnId | undefined => conn ?? newestOpen(store);
  // On a connection: disabled once it is closed; on the tab: whenever there is a live tab.
  const why = conn === undefined ? breakUnavailable({ live, conn: 0, status: 'open' }) : breakUnavailable({ live, conn, status: store.state.connections.get(conn)?.status });
  return (
    <>
      <button
        type="button"
        class="break-button"
        aria-haspopup="menu"
        disabled={why !== ''}
        title={why || `Break ${conn === undefined ? 'the newest open connection' : 'this connection'} on purpose: drop, close with a code, freeze, refuse, fail syncs`}
        onClick={(ev) => m.open(target(), ev.currentTarget)}
      >
        {label}
      </button>
      {m.popup}
    </>
  );
}

/** True for the keys that open a context menu from the keyboard: the context-menu key and Shift+F10. */
export function isContextMenuKey(ev: KeyboardEvent): boolean {
  return ev.key === 'ContextMenu' || (ev.key === 'F10' && ev.shiftKey);
}
