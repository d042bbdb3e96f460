/**
 * The panel's toast (docs/design.md#clear-import-and-resume): one line over the workspace with
 * its actions — Undo after a destructive action (Clear, an import that replaced the capture),
 * or the buttons of a question asked first (Resume after an import). A new toast replaces the
 * one shown; an Undo toast goes away after {@link PANEL_TOAST_MS}, a question stays until answered.
 */
import { useEffect } from 'preact/hooks';
import type { Signal } from '@preact/signals';
import { visibleText } from '../core/visible-text';

/** How long an Undo toast stays, ms. */
export const PANEL_TOAST_MS = 12000;

/** One toast: its text and buttons (each run closes the toast first); `ask` keeps it until a button is pressed. */
export interface PanelToastSpec {
  text: string;
  actions: { label: string; run: () => void }[];
  ask?: boolean;
}

/** Renders `toast` (nothing when undefined); ✕ dismisses it. */
export function PanelToast({ toast }: { toast: Signal<PanelToastSpec | undefined> }) {
  const t = toast.value;
  useEffect(() => {
    if (!t || t.ask) return;
    const id = setTimeout(() => {
      if (toast.value === t) toast.value = undefined;
    }, PANEL_TOAST_MS);
    return () => clearTimeout(id);
  }, [t]);
  if (!t) return null;
  return (
    <div class={`notice panel-toast${t.ask ? ' ask' : ''}`} role={t.ask ? 'alertdialog' : 'status'} aria-label={t.ask ? visibleText(t.text) : undefined}>
      {visibleText(t.text)}
      {t.actions.map((a) => (
        <button
          type="button"
          key={a.label}
          class={t.ask ? '' : 'link'}
          onClick={() => {
            toast.value = undefined;
            a.run();
          }}
        >
          {a.label}
        </button>
      ))}
      <button type="button" class="link" aria-label="Dismiss" onClick={() => (toast.value = undefined)}>
        ✕
      </button>
    </div>
  );
}
