/**
 * The profile editor (docs/design.md#where-a-profile-comes-from): the profile in use as JSON in
 * a code editor. Schema errors are listed by field path (`heartbeat.intervalMs: expected a
 * number`); while the text is a valid profile the analysis re-runs with it (debounced), so the
 * findings change as you type. Undo/redo is the editor's history; *Revert* puts back the text
 * the dialog opened with (itself undoable). *Save* keeps the edited profile in use (and can keep
 * it for the site); *Cancel* and Escape restore the profile that was in use before. Text that
 * was cancelled is not lost: the next *Edit…* offers it back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { checkProfileText, formatProfileError, type ProfileError } from '../core/profile/profile-errors';
import type { Profile } from '../core/profile/types';
import type { ProfileChoice } from '../core/view/profile-choice';
import { visibleText } from '../core/visible-text';
import { JsonCodeEditor, type JsonEditorHandle } from './json-code-editor';

/** Delay between the last keystroke and re-running the analysis, ms. */
export const EDIT_DEBOUNCE_MS = 350;

/** Text cancelled per store, offered back on the next open. */
const drafts = new WeakMap<PanelStore, string>();

/** Props: the store, whether *Save and keep* is offered, and the close callback. */
export interface ProfileEditorProps {
  store: PanelStore;
  /** Given when the profile can be kept for the site: called with the saved profile. */
  onKeep?: ((p: Profile) => void) | undefined;
  onClose: () => void;
}

/** The editor dialog (see the module comment). */
export function ProfileEditor({ store, onKeep, onClose }: ProfileEditorProps) {
  const before = useRef<ProfileChoice>(store.profileChoice.value);
  const initial = useRef(`${JSON.stringify(store.profile.value.profile, null, 2)}\n`);
  const ed = useRef<JsonEditorHandle | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [errors, setErrors] = useState<ProfileError[]>([]);
  const [valid, setValid] = useState<Profile | undefined>(store.profile.value.profile);
  const [dirty, setDirty] = useState(false);
  const [draft, setDraft] = useState(drafts.get(store));
  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (p: Profile | undefined, text: string): void => {
    if (!p) return;
    // The opening text again: back to the profile (and reason) it was.
    if (text === initial.current) store.setProfileChoice(before.current);
    else store.setProfileChoice({ kind: 'inline', profile: p, from: 'edited' });
  };
  const onChange = (text: string): void => {
    const r = checkProfileText(text);
    setDirty(text !== initial.current);
    clearTimeout(timer.current);
    if (!r.ok) {
      setErrors(r.errors);
      setValid(undefined);
      return;
    }
    setErrors([]);
    setValid(r.profile);
    timer.current = setTimeout(() => apply(r.profile, text), EDIT_DEBOUNCE_MS);
  };
  const cancel = (): void => {
    clearTimeout(timer.current);
    const text = ed.current?.text() ?? initial.current;
    if (text !== initial.current) drafts.set(store, text);
    store.setProfileChoice(before.current);
    onClose();
  };
  const save = (keep: boolean): void => {
    const text = ed.current?.text() ?? initial.current;
    if (!valid) return;
    clearTimeout(timer.current);
    apply(valid, text);
    drafts.delete(store);
    if (keep && onKeep) onKeep(store.profile.value.profile);
    onClose();
  };
  const n = errors.length;
  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && cancel()}>
      <div
        class="dialog profile-editor"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pe-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            cancel();
          }
        }}
      >
        <h2 id="pe-title">Edit profile <span class="muted">— {visibleText(store.profile.value.profile.name)}</span></h2>
        <p class="muted small">
          The analysis re-runs with the profile as you type, whenever it is valid. Fields: docs/design.md, "Profile fields"; the same file works with <code>wavetrace check --profile</code>.
        </p>
        {draft !== undefined && (
          <p class="pe-draft">
            Text you cancelled earlier is kept.{' '}
            <button
              type="button"
              class="link"
              onClick={() => {
                ed.current?.replace(draft);
                drafts.delete(store);
                setDraft(undefined);
              }}
            >
              Restore it
            </button>
          </p>
        )}
        <JsonCodeEditor initial={initial.current} label="Profile JSON" onChange={onChange} handle={(h) => (ed.current = h)} />
        <div class={`pe-status ${n ? 'bad' : 'ok'}`} role="status" data-testid="profile-errors">
          {n === 0 ? (valid ? (dirty ? 'Valid — the analysis uses this profile.' : 'Valid — unchanged.') : '') : `${n} error${n === 1 ? '' : 's'} — the analysis keeps the last valid profile:`}
          {n > 0 && (
            <ul>
              {errors.map((e) => (
                <li key={formatProfileError(e)}>{visibleText(formatProfileError(e))}</li>
              ))}
            </ul>
          )}
        </div>
        <div class="dialog-actions">
          <button type="button" onClick={() => ed.current?.undo()} title="Undo (Ctrl+Z)">Undo</button>
          <button type="button" onClick={() => ed.current?.redo()} title="Redo (Ctrl+Shift+Z / Ctrl+Y)">Redo</button>
          <button type="button" onClick={() => ed.current?.replace(initial.current)} disabled={!dirty} title="Put back the text this dialog opened with (undoable)">
            Revert
          </button>
          <span class="spacer" />
          <button type="button" onClick={cancel}>Cancel</button>
          {onKeep && (
            <button type="button" onClick={() => save(true)} disabled={!valid}>
              Save and keep for this site
            </button>
          )}
          <button type="button" class="primary" onClick={() => save(false)} disabled={!valid}>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
