/**
 * Panel settings (the toolbar's settings dialog, docs/design.md#panel-and-viewer): the preview cap and buffer size the hook uses
 * (stored with the hook's own capture settings, capture-config.ts, so relays pick them up),
 * preserve log, the redaction keys (docs/design.md#redaction) and the profile chosen per site (docs/design.md#where-a-profile-comes-from). Pure: defaults, sanitising and the mapping to `storage.local` keys; the panel's
 * settings-store.ts does the storage I/O.
 */
import { DEFAULT_REDACT_KEYS } from '../redact';
import { CAPTURE_CONFIG_KEY, DEFAULT_CAPTURE_CONFIG, PRESERVE_LOG_KEY, sanitizeCaptureConfig, type CaptureConfig } from './capture-config';
import { PROFILE_BY_SITE_KEY, keptProfilesFromStorage, keptProfilesToStorage, type KeptProfile } from './kept-profiles';

export { PROFILE_BY_SITE_KEY } from './kept-profiles';

/** What the settings dialog edits. Sizes in bytes, counts in events. */
export interface PanelSettings {
  /** Preview cap per frame, bytes (docs/design.md#previews-and-binary-data default 64 KiB). */
  previewCap: number;
  /** Ring buffer capacity of the page hook, events (default 50,000). */
  bufferEvents: number;
  /** Keep events across page navigations (default true). */
  preserveLog: boolean;
  /** Query parameter / JSON key names that are redacted (case-insensitive). */
  redactKeys: string[];
  /** Profile kept per site origin: a built-in name or a whole profile (kept-profiles.ts). */
  profileBySite: Record<string, KeptProfile>;
}

/** `storage.local` key of the redaction keys (string array). */
export const REDACT_KEYS_KEY = 'wavetrace.redactKeys';
/** Every `storage.local` key the settings live in. */
export const SETTINGS_STORAGE_KEYS = [CAPTURE_CONFIG_KEY, PRESERVE_LOG_KEY, REDACT_KEYS_KEY, PROFILE_BY_SITE_KEY] as const;

/** Defaults: 64 KiB previews, 50,000 events, preserve log on, the docs/design.md#redaction key list, auto profile everywhere. */
export function defaultPanelSettings(): PanelSettings {
  return {
    previewCap: DEFAULT_CAPTURE_CONFIG.previewCap,
    bufferEvents: DEFAULT_CAPTURE_CONFIG.maxEvents,
    preserveLog: true,
    redactKeys: [...DEFAULT_REDACT_KEYS],
    profileBySite: {},
  };
}

/** Splits a comma/space/newline separated list into clean key names (deduplicated, lower-cased, ≤ 100). */
export function parseKeyList(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const k = raw.trim().toLowerCase();
    if (k && k.length <= 100 && /^[\w.$-]+$/.test(k) && !out.includes(k) && out.length < 100) out.push(k);
  }
  return out;
}

/**
 * Reads settings from the raw values of {@link SETTINGS_STORAGE_KEYS} (as `storage.local.get`
 * returns them). Malformed values take their defaults; never throws.
 */
export function settingsFromStorage(raw: Record<string, unknown>): PanelSettings {
  const d = defaultPanelSettings();
  const cap = sanitizeCaptureConfig(raw[CAPTURE_CONFIG_KEY]);
  const keys = raw[REDACT_KEYS_KEY];
  return {
    previewCap: cap.previewCap,
    bufferEvents: cap.maxEvents,
    preserveLog: typeof raw[PRESERVE_LOG_KEY] === 'boolean' ? (raw[PRESERVE_LOG_KEY] as boolean) : d.preserveLog,
    redactKeys: Array.isArray(keys) ? parseKeyList(keys.filter((k) => typeof k === 'string').join(',')) : d.redactKeys,
    profileBySite: keptProfilesFromStorage(raw[PROFILE_BY_SITE_KEY]),
  };
}

/**
 * The `storage.local` items for settings `s`, merged into the stored capture config `current`
 * (its other fields, e.g. `syncPaths`, are kept).
 */
export function settingsToStorage(s: PanelSettings, current: unknown): Record<string, unknown> {
  const cap: CaptureConfig = { ...sanitizeCaptureConfig(current), previewCap: s.previewCap, maxEvents: s.bufferEvents };
  return {
    [CAPTURE_CONFIG_KEY]: sanitizeCaptureConfig(cap),
    [PRESERVE_LOG_KEY]: s.preserveLog,
    [REDACT_KEYS_KEY]: [...s.redactKeys],
    [PROFILE_BY_SITE_KEY]: keptProfilesToStorage(s.profileBySite),
  };
}
