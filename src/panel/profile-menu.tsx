/**
 * The profile menu in the toolbar (docs/design.md#where-a-profile-comes-from): a button naming
 * the profile in use and why (the full reason is its tooltip and the connection header's), and
 * a menu of Auto, the profile kept for this site, the loaded trace's inline profile, the
 * built-in presets, and the actions *Keep for this site*, *Forget*, *Edit…*, *Import…* and
 * *Export…*. A real menu: Enter, Space or ArrowDown opens it on the entry in use, the arrows,
 * Home and End move, Enter or Space picks, Escape or Tab closes, and focus goes back to the
 * button. Forgetting a kept profile, or keeping another one over it, shows a toast with Undo.
 */
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { computed } from '@preact/signals';
import type { PanelStore } from './store';
import type { SettingsStore } from './settings-store';
import { AUTO_CHOICE, type ProfileChoice } from '../core/view/profile-choice';
import { keptChoice, keptMayReplace, profileMenuItems, toKept, type ProfileMenuItem } from '../core/view/profile-menu-model';
import type { KeptProfile } from '../core/store/kept-profiles';
import type { Profile } from '../core/profile/types';
import { visibleText } from '../core/visible-text';
import { ProfileEditor } from './profile-editor';
import { exportProfile, pickProfileFile } from './profile-file';

/** How long a toast stays, ms. */
const TOAST_MS = 12000;

/** The name a toast gives a kept profile: a preset's name, or a whole profile's own `name`. */
function keptName(k: KeptProfile): string {
  return typeof k === 'string' ? k : k.name;
}

/** Props: the store, and the settings store where per-site storage exists (absent: Keep says why). */
export interface ProfileMenuProps {
  store: PanelStore;
  settings?: SettingsStore | undefined;
}

/**
 * The one-word "why" after the profile's name on the button. A learned profile's name already
 * says "learned <endpoint>", so its why says it was the automatic choice, not "learned" once more;
 * before any connection auto detected nothing, and the default profile says "default".
 */
function shortWhy(store: PanelStore): string {
  const r = store.profile.value;
  const c = store.profileChoice.value;
  if (r.learned) return 'auto';
  if (r.defaulted) return 'default';
  if (c.kind === 'auto') return 'detected';
  if (c.kind === 'inline') return c.from === 'kept' ? 'kept' : c.from === 'edited' ? 'edited' : c.from === 'imported' ? 'imported' : 'from trace';
  return c.from === 'trace' ? 'from trace' : 'chosen';
}

/** The menu (see the module comment). */
export function ProfileMenu({ store, settings }: ProfileMenuProps) {
  // Re-rendered when the site becomes known or changes, not at every capture update.
  const originSignal = useMemo(() => computed(() => (store.version.value >= 0 ? store.siteOrigin() : '')), [store]);
  const [open, setOpen] = useState(false);
  const [focus, setFocus] = useState(0);
  const [editing, setEditing] = useState(false);
  const [toast, setToast] = useState<{ text: string; undo?: () => void } | undefined>(undefined);
  const btn = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const origin = originSignal.value;
  const stored = settings && origin ? settings.profileFor(origin) : 'auto';
  const kept: KeptProfile | undefined = stored === 'auto' ? undefined : stored;
  const resolved = store.profile.value;
  const items = profileMenuItems({ choice: store.profileChoice.value, resolved, origin, kept, trace: store.traceChoice.value, canKeep: settings !== undefined });
  const enabled = items.map((it, i) => (it.disabled ? -1 : i)).filter((i) => i >= 0);

  // What is kept for the site applies once the site is known and whenever it changes (another
  // panel kept or forgot one): a live capture always, a loaded trace only when it has no profile
  // of its own (docs/design.md#where-a-profile-comes-from).
  const keptKey = kept === undefined ? '' : typeof kept === 'string' ? kept : JSON.stringify(kept);
  const lastOrigin = useRef('');
  useEffect(() => {
    if (!settings || !origin) return;
    const siteChanged = lastOrigin.current !== '' && lastOrigin.current !== origin;
    lastOrigin.current = origin;
    void settings.ready.then(() => {
      const now = settings.profileFor(origin);
      const cur = store.profileChoice.value;
      if (!store.live.value && store.traceChoice.value.kind !== 'auto') return;
      if (now === 'auto') {
        // Another site with nothing kept: what was kept or picked for the last one no longer applies.
        if (siteChanged && (cur.kind === 'named' ? cur.from !== 'trace' : cur.kind === 'inline' && cur.from === 'kept')) store.setProfileChoice(AUTO_CHOICE);
        return;
      }
      const want = keptChoice(now);
      const same = cur.kind === 'named' ? want.kind === 'named' && want.name === cur.name : cur.kind === 'inline' && cur.from === 'kept' && want.kind === 'inline' && JSON.stringify(want.profile) === JSON.stringify(cur.profile);
      if (!same && keptMayReplace(cur)) store.setProfileChoice(want);
    });
  }, [settings, origin, keptKey]);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(undefined), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);
  // The focus moves with the render of the key press (see break-menu.tsx).
  useLayoutEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>(`[data-index="${focus}"]`)?.focus();
  }, [open, focus]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && !btn.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const close = (refocus = true): void => {
    setOpen(false);
    if (refocus) btn.current?.focus();
  };
  const openAt = (where: 'checked' | 'first' | 'last'): void => {
    const checked = items.findIndex((it) => it.checked);
    setFocus(where === 'last' ? enabled[enabled.length - 1]! : where === 'checked' && checked >= 0 ? checked : enabled[0]!);
    setOpen(true);
  };
  // Keeping replaces what was kept for the site: the toast names what it replaced and offers
  // Undo (the previous kept profile back, and the choice in use before), so a hand-edited
  // profile is never lost silently.
  const keep = (p: { kept: KeptProfile; choice: ProfileChoice }): void => {
    if (!settings || !origin) return;
    const prevKept = kept;
    const prevChoice = store.profileChoice.value;
    void settings.setProfileFor(origin, p.kept);
    store.setProfileChoice(p.choice);
    const text = `Kept ${keptName(p.kept)} for ${origin}`;
    if (prevKept === undefined || JSON.stringify(prevKept) === JSON.stringify(p.kept)) return setToast({ text });
    setToast({
      text: `${text} (replaced ${keptName(prevKept)})`,
      undo: () => {
        void settings.setProfileFor(origin, prevKept);
        store.setProfileChoice(prevChoice);
        setToast(undefined);
      },
    });
  };
  const keepProfile = (p: Profile): void => {
    const k = JSON.parse(JSON.stringify(p)) as Profile;
    keep({ kept: k, choice: keptChoice(k) });
  };
  const choose = (c: ProfileChoice): void => {
    store.setProfileChoice(c);
    // A preset picked (or Auto) is remembered for the site, unless a whole profile is kept
    // there: that one stays until forgotten (nothing kept is overwritten silently).
    if (settings && origin && (kept === undefined || typeof kept === 'string')) {
      if (c.kind === 'named') void settings.setProfileFor(origin, c.name);
      else if (c.kind === 'auto') void settings.setProfileFor(origin, 'auto');
    }
  };
  const forget = (): void => {
    if (!settings || !origin || kept === undefined) return;
    const prevKept = kept;
    const prevChoice = store.profileChoice.value;
    void settings.setProfileFor(origin, 'auto');
    const wasKept = prevChoice.kind === 'inline' ? prevChoice.from === 'kept' : prevChoice.kind === 'named' && prevChoice.from !== 'trace';
    if (wasKept) store.setProfileChoice(AUTO_CHOICE);
    setToast({
      text: `Forgot profile for ${origin}`,
      undo: () => {
        void settings.setProfileFor(origin, prevKept);
        store.setProfileChoice(prevChoice);
        setToast(undefined);
      },
    });
  };
  const activate = (it: ProfileMenuItem): void => {
    if (it.disabled) return;
    close(it.action !== 'edit');
    if (it.choice) return choose(it.choice);
    switch (it.action) {
      case 'keep': {
        const k = toKept(store.profile.value);
        return keep({ kept: k, choice: keptChoice(k) });
      }
      case 'forget':
        return forget();
      case 'edit':
        return setEditing(true);
      case 'import':
        return pickProfileFile((file, r) => {
          if ('error' in r) store.notice.value = r.error;
          else {
            store.setProfileChoice({ kind: 'inline', profile: r.profile, from: 'imported', file });
            store.notice.value = visibleText(`${file}: profile ${r.profile.name} in use`);
          }
        });
      case 'export':
        return exportProfile(store.profile.value.profile);
    }
  };
  const move = (delta: number): void => {
    const at = enabled.indexOf(focus);
    setFocus(enabled[(at + delta + enabled.length) % enabled.length]!);
  };
  const onMenuKey = (e: KeyboardEvent): void => {
    const k = e.key;
    if (k === 'ArrowDown' || k === 'ArrowUp') move(k === 'ArrowDown' ? 1 : -1);
    else if (k === 'Home') setFocus(enabled[0]!);
    else if (k === 'End') setFocus(enabled[enabled.length - 1]!);
    else if (k === 'Enter' || k === ' ') activate(items[focus]!);
    else if (k === 'Escape') close();
    else if (k === 'Tab') return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <span class="profile-menu">
      <button
        ref={btn}
        type="button"
        class="pm-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Profile: ${resolved.profile.name} (${shortWhy(store)})`}
        title={visibleText(`Profile in use: ${resolved.profile.name} — ${resolved.reason}`)}
        data-testid="profile-menu"
        onClick={() => (open ? close() : openAt('checked'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') openAt('checked');
          else if (e.key === 'ArrowUp') openAt('last');
          else return;
          e.preventDefault();
        }}
      >
        <span class="muted">Profile</span> <strong class="pm-name">{visibleText(resolved.profile.name)}</strong> <span class="pm-why">{shortWhy(store)}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div class="pm-list" role="menu" aria-label="Profile" ref={menu} onKeyDown={onMenuKey}>
          {items.map((it, i) => (
            <Fragment key={it.id}>
              {it.sepBefore && <div role="separator" class="pm-sep" />}
              <div
                role={it.choice ? 'menuitemradio' : 'menuitem'}
                aria-checked={it.choice ? it.checked === true : undefined}
                aria-disabled={it.disabled ? true : undefined}
                tabIndex={i === focus ? 0 : -1}
                data-index={i}
                data-item={it.id}
                class={`pm-item${it.disabled ? ' disabled' : ''}${it.checked ? ' checked' : ''}`}
                onClick={() => activate(it)}
                onMouseEnter={() => !it.disabled && setFocus(i)}
              >
                <span class="pm-check" aria-hidden="true">{it.checked ? '✓' : ''}</span>
                <span class="pm-label">{visibleText(it.label)}</span>
                {it.detail && <span class="pm-detail muted">{visibleText(it.detail)}</span>}
              </div>
            </Fragment>
          ))}
        </div>
      )}
      {toast && (
        <div class="pm-toast" role="status">
          {visibleText(toast.text)}
          {toast.undo && (
            <button type="button" class="link" onClick={toast.undo}>
              Undo
            </button>
          )}
          <button type="button" class="link" aria-label="Dismiss" onClick={() => setToast(undefined)}>
            ✕
          </button>
        </div>
      )}
      {editing && <ProfileEditor store={store} onKeep={settings && origin ? keepProfile : undefined} onClose={() => { setEditing(false); btn.current?.focus(); }} />}
    </span>
  );
}
