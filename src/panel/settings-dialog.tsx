/**
 * The settings dialog: preview cap per frame (KiB), the page buffer size (events the hook keeps
 * before a panel listens), preserve log, and the redaction keys (docs/design.md#redaction). Capture
 * settings apply to documents loaded after saving (the hook reads them at start). A modal
 * (docs/design.md#panel-and-viewer): Tab stays inside it, Escape cancels, Enter saves.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SettingsStore } from './settings-store';
import { defaultPanelSettings, parseKeyList } from '../core/store/panel-settings';
import { trapTab } from './focus-trap';

/** Props: the settings store and a close callback. */
export function SettingsDialog({ settings, onClose }: { settings: SettingsStore; onClose: () => void }) {
  const s = settings.settings.value;
  const [capKiB, setCapKiB] = useState(String(Math.round(s.previewCap / 1024)));
  const [buffer, setBuffer] = useState(String(s.bufferEvents));
  const [keys, setKeys] = useState(s.redactKeys.join(', '));
  const [preserve, setPreserve] = useState(s.preserveLog);
  const first = useRef<HTMLInputElement>(null);
  // The focus starts on the first field and returns to what opened the dialog (the ⚙ button).
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    first.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const cap = Number(capKiB);
  const buf = Number(buffer);
  const capOk = Number.isFinite(cap) && cap >= 1 && cap <= 16384;
  const bufOk = Number.isInteger(buf) && buf >= 100 && buf <= 5_000_000;
  const save = (): void => {
    if (!capOk || !bufOk) return;
    void settings.update({ previewCap: Math.round(cap * 1024), bufferEvents: buf, redactKeys: parseKeyList(keys), preserveLog: preserve });
    onClose();
  };
  const reset = (): void => {
    const d = defaultPanelSettings();
    setCapKiB(String(d.previewCap / 1024));
    setBuffer(String(d.bufferEvents));
    setKeys(d.redactKeys.join(', '));
    setPreserve(d.preserveLog);
  };
  return (
    <div class="dialog-backdrop" onClick={onClose}>
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (trapTab(e, e.currentTarget)) return;
          if (e.key === 'Escape') onClose();
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'TEXTAREA') save();
        }}
      >
        <h2 id="settings-title">Settings</h2>
        <label>
          <span>Preview cap per frame (KiB)</span>
          <input ref={first} type="number" min={1} max={16384} value={capKiB} onInput={(e) => setCapKiB((e.currentTarget as HTMLInputElement).value)} aria-invalid={!capOk} />
          <small class="muted">Payloads longer than this keep only their beginning; the true size is always recorded.</small>
        </label>
        <label>
          <span>Page buffer (events)</span>
          <input type="number" min={100} max={5000000} step={1000} value={buffer} onInput={(e) => setBuffer((e.currentTarget as HTMLInputElement).value)} aria-invalid={!bufOk} />
          <small class="muted">Events the page keeps while no panel is open, so a session is complete when you open DevTools later.</small>
        </label>
        <label class="check">
          <input type="checkbox" checked={preserve} onChange={(e) => setPreserve((e.currentTarget as HTMLInputElement).checked)} />
          <span>Preserve log across page navigations</span>
        </label>
        <label>
          <span>Redacted keys</span>
          <textarea rows={3} value={keys} onInput={(e) => setKeys((e.currentTarget as HTMLTextAreaElement).value)} />
          <small class="muted">Query parameters and JSON keys shown as REDACTED~xxxx (first 4 hex of SHA-256), here and in exports.</small>
        </label>
        <p class="muted">Capture settings apply to pages loaded after saving.</p>
        <div class="dialog-actions">
          <button type="button" class="link" onClick={reset}>Defaults</button>
          <span class="spacer" />
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" class="primary" onClick={save} disabled={!capOk || !bufOk}>Save</button>
        </div>
      </div>
    </div>
  );
}
