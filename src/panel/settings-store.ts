/**
 * Panel settings in `storage.local` (browser.storage via webextension-polyfill in the panel;
 * any {@link SettingsArea} in tests and the viewer): preview cap, buffer size and the sync paths
 * of the active profile (in the hook's capture config, capture-config.ts, which relays read),
 * preserve log, redaction keys and the profile chosen per site. Exposes the current value as a
 * signal and a change callback; changes made in another panel arrive through `onChanged`.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import { CAPTURE_CONFIG_KEY } from '../core/store/capture-config';
import { SETTINGS_STORAGE_KEYS, defaultPanelSettings, settingsFromStorage, settingsToStorage, type PanelSettings } from '../core/store/panel-settings';
import type { KeptProfile } from '../core/store/kept-profiles';

/** The part of `storage.local` the settings need. */
export interface SettingsArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Subscribes to storage changes (`storage.onChanged`); returns an unsubscribe function. */
export type SettingsChangeSource = (cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void) => () => void;

/** Settings with persistence and a change callback. */
export interface SettingsStore {
  /** Current settings (defaults until `ready`). */
  readonly settings: ReadonlySignal<PanelSettings>;
  /** Resolves once the stored settings were read. */
  readonly ready: Promise<void>;
  /** Merges `patch`, stores it, and notifies listeners. */
  update(patch: Partial<PanelSettings>): Promise<void>;
  /** The profile kept for a site origin: a built-in name or a whole profile; "auto" when none. */
  profileFor(origin: string): KeptProfile;
  /** Keeps a profile (name or object) for a site origin; "auto" forgets it. */
  setProfileFor(origin: string, choice: KeptProfile): Promise<void>;
  /** Stores the active profile's sync paths for the hook (bodies of those responses are captured). */
  setSyncPaths(paths: string[]): Promise<void>;
  /** Calls `cb` with the new settings after every change (own or from storage); returns an unsubscribe function. */
  onChange(cb: (s: PanelSettings) => void): () => void;
}

/** Creates the settings store over `area`; `changes` (optional) reports writes by other pages. */
export function createSettingsStore(area: SettingsArea, changes?: SettingsChangeSource): SettingsStore {
  const settings = signal<PanelSettings>(defaultPanelSettings());
  const listeners = new Set<(s: PanelSettings) => void>();
  let raw: Record<string, unknown> = {};
  const emit = (): void => {
    for (const cb of listeners) {
      try {
        cb(settings.value);
      } catch {
        // a listener's failure must not stop the others
      }
    }
  };
  const reload = async (): Promise<void> => {
    try {
      raw = await area.get([...SETTINGS_STORAGE_KEYS]);
    } catch {
      raw = {};
    }
    settings.value = settingsFromStorage(raw);
  };
  const ready = reload();
  changes?.((ch, areaName) => {
    if (areaName !== 'local' || !SETTINGS_STORAGE_KEYS.some((k) => k in ch)) return;
    void reload().then(emit);
  });
  const write = async (next: PanelSettings): Promise<void> => {
    settings.value = next;
    const items = settingsToStorage(next, raw[CAPTURE_CONFIG_KEY]);
    raw = { ...raw, ...items };
    emit();
    try {
      await area.set(items);
    } catch {
      // storage full or unavailable: the settings still apply to this panel
    }
  };
  return {
    settings,
    ready,
    async update(patch) {
      await ready;
      await write({ ...settings.value, ...patch });
    },
    profileFor(origin) {
      return settings.value.profileBySite[origin] ?? 'auto';
    },
    async setProfileFor(origin, choice) {
      await ready;
      const bySite = { ...settings.value.profileBySite };
      if (choice === 'auto') delete bySite[origin];
      else bySite[origin] = choice;
      await write({ ...settings.value, profileBySite: bySite });
    },
    async setSyncPaths(paths) {
      await ready;
      const cur = (raw[CAPTURE_CONFIG_KEY] ?? {}) as Record<string, unknown>;
      const same = Array.isArray(cur.syncPaths) && cur.syncPaths.length === paths.length && paths.every((p, i) => (cur.syncPaths as unknown[])[i] === p);
      if (same) return;
      const items = { [CAPTURE_CONFIG_KEY]: { ...settingsToStorage(settings.value, cur)[CAPTURE_CONFIG_KEY] as object, syncPaths: [...paths] } };
      raw = { ...raw, ...items };
      try {
        await area.set(items);
      } catch {
        // best effort
      }
    },
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

/** An in-memory area (tests, the standalone viewer). */
export function memoryArea(initial: Record<string, unknown> = {}): SettingsArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => {
      Object.assign(data, JSON.parse(JSON.stringify(items)) as Record<string, unknown>);
    },
  };
}
