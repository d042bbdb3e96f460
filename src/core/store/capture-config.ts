/**
 * Capture settings the hook needs (docs/design.md#ring-buffer-and-streaming, docs/design.md#previews-and-binary-data): which URL paths get their HTTP
 * response body captured (the active profile's sync endpoint), the ring buffer limits and the
 * preview caps. The panel stores them in `storage.local` under {@link CAPTURE_CONFIG_KEY};
 * each relay reads them and hands them to its hook in a `relay-config` message. The defaults
 * are compiled into the hook, so requests made at document_start (before the relay answered)
 * are already covered for the default `scaiwave` profile.
 *
 * Pure module (no browser API): safe to bundle into the page hook.
 */

/** Settings of one hook instance. Sizes in bytes unless noted. */
export interface CaptureConfig {
  /** URL paths (exact match of the pathname, as docs/design.md#profile-fields `sync.urlPath`) whose response bodies are captured. */
  syncPaths: string[];
  /** Ring buffer capacity, in events (≥ 100). */
  maxEvents: number;
  /** Ring buffer budget for payload previews and captured bodies, bytes (≥ 1 MiB). */
  maxPreviewBytes: number;
  /** Preview cap per frame: bytes for binary, UTF-16 code units for text (docs/design.md#previews-and-binary-data default 64 KiB). */
  previewCap: number;
  /** Cap of a captured sync response body, bytes of UTF-8. */
  bodyCap: number;
}

/** `storage.local` key of the capture settings (a partial {@link CaptureConfig}). */
export const CAPTURE_CONFIG_KEY = 'wavetrace.capture';

/** `storage.local` key of the preserve-log setting (boolean, default true). */
export const PRESERVE_LOG_KEY = 'wavetrace.preserveLog';

/** Defaults: scaiwave's sync endpoint, 50,000 events, 64 MiB of previews, 64 KiB per frame, 1 MiB per body. */
export const DEFAULT_CAPTURE_CONFIG: Readonly<CaptureConfig> = {
  syncPaths: ['/v1/sync'],
  maxEvents: 50000,
  maxPreviewBytes: 64 * 1024 * 1024,
  previewCap: 64 * 1024,
  bodyCap: 1024 * 1024,
};

const LIMITS = {
  maxEvents: [100, 5_000_000],
  maxPreviewBytes: [1024 * 1024, 2 * 1024 * 1024 * 1024],
  previewCap: [16, 16 * 1024 * 1024],
  bodyCap: [0, 64 * 1024 * 1024],
} as const;

function clampInt(v: unknown, [lo, hi]: readonly [number, number], dflt: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return dflt;
  const i = Math.floor(v);
  return i < lo ? lo : i > hi ? hi : i;
}

/**
 * Reads a stored or received config: unknown keys are ignored, numbers are clamped to sane
 * limits, a missing or malformed field takes its default. Never throws.
 */
export function sanitizeCaptureConfig(raw: unknown): CaptureConfig {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof CaptureConfig, unknown>>;
  let syncPaths = [...DEFAULT_CAPTURE_CONFIG.syncPaths];
  if (Array.isArray(r.syncPaths)) {
    syncPaths = [];
    for (const p of r.syncPaths) if (typeof p === 'string' && p.startsWith('/') && p.length <= 2048 && syncPaths.length < 64) syncPaths.push(p);
  }
  return {
    syncPaths,
    maxEvents: clampInt(r.maxEvents, LIMITS.maxEvents, DEFAULT_CAPTURE_CONFIG.maxEvents),
    maxPreviewBytes: clampInt(r.maxPreviewBytes, LIMITS.maxPreviewBytes, DEFAULT_CAPTURE_CONFIG.maxPreviewBytes),
    previewCap: clampInt(r.previewCap, LIMITS.previewCap, DEFAULT_CAPTURE_CONFIG.previewCap),
    bodyCap: clampInt(r.bodyCap, LIMITS.bodyCap, DEFAULT_CAPTURE_CONFIG.bodyCap),
  };
}

/**
 * The paths whose response bodies a profile declares (docs/design.md#profiles): its sync
 * endpoint (`sync.urlPath`) and the handshake that carries its hello over HTTP
 * (`hello.http.urlPath`), for the panel to store when the active profile changes:
 * `{ ...current, syncPaths: syncPathsOfProfile(p) }`.
 */
export function syncPathsOfProfile(profile: { sync?: { urlPath?: string }; hello?: { http?: { urlPath?: string } } } | undefined): string[] {
  const out: string[] = [];
  for (const p of [profile?.sync?.urlPath, profile?.hello?.http?.urlPath]) if (typeof p === 'string' && p.startsWith('/') && !out.includes(p)) out.push(p);
  return out;
}

/**
 * Handshakes of the built-in presets whose response bodies the hook always keeps, whatever
 * profile is active (detection happens after them): `path` is `hello.http.urlPath`, and only
 * requests without the `unlessParam` query parameter (`hello.http.param`) are handshakes —
 * Engine.IO's open request has no `sid` yet; its later polls do. A unit test checks this list
 * against the presets.
 */
export const PRESET_HANDSHAKES: ReadonlyArray<{ path: string; unlessParam: string }> = [{ path: '/socket.io/', unlessParam: 'sid' }];

/**
 * How long after a WebSocket of the page closed a same-site JSON response may be a catch-up
 * whose body is kept (ms).
 */
export const CATCH_UP_WINDOW_MS = 60000;

/** Cap of a kept catch-up candidate's body (bytes of UTF-8), below `bodyCap`. */
export const CATCH_UP_BODY_CAP = 256 * 1024;
