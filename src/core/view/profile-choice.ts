/**
 * Which profile the panel uses (docs/design.md#where-a-profile-comes-from: selectable per site, auto-detected where
 * possible): `auto` detects it from the first connection of the capture (URL, subprotocol,
 * first frames; `detectProfile`), a built-in name picks that preset, an inline profile (from
 * a loaded trace) is used as is. The result carries a sentence saying why, for the header.
 */
import type { TraceEvent } from '../events';
import type { CaptureState } from '../store/capture-state';
import { detectProfile } from '../profile/detect';
import { BUILTIN_PROFILES, getBuiltinProfile } from '../profile/presets/index';
import { SCAIWAVE_PROFILE } from '../profile/scaiwave';
import type { Profile } from '../profile/types';
import { firstFramesOf } from './row-index';

/** The user's (or the trace's) choice. */
export type ProfileChoice = { kind: 'auto' } | { kind: 'named'; name: string } | { kind: 'inline'; profile: Profile };

/** The profile in use and why it was chosen. */
export interface ResolvedProfile {
  profile: Profile;
  /** E.g. "auto: URL path /v1/stream matches scaiwave", "chosen for http://localhost:3000". */
  reason: string;
  /** Key of the choice for a `<select>`: "auto", a built-in name, or "inline:<name>". */
  key: string;
}

/** Auto-detection. */
export const AUTO_CHOICE: ProfileChoice = { kind: 'auto' };

/**
 * Reads a trace header's `profile` (docs/design.md#trace-header: a name, "auto", or an inline object) or a
 * stored per-site choice. Unknown names fall back to auto.
 */
export function toProfileChoice(v: unknown): ProfileChoice {
  if (v && typeof v === 'object' && typeof (v as Profile).name === 'string') return { kind: 'inline', profile: v as Profile };
  if (typeof v === 'string' && v !== 'auto' && getBuiltinProfile(v)) return { kind: 'named', name: v };
  return AUTO_CHOICE;
}

/** The `<select>` key of a choice. */
export function choiceKey(c: ProfileChoice): string {
  return c.kind === 'auto' ? 'auto' : c.kind === 'named' ? c.name : `inline:${c.profile.name}`;
}

/**
 * Resolves a choice against the capture. `auto` looks at the first connection (in creation
 * order) and its first five frames; without any connection yet it uses the default profile.
 * @param origin shown in the reason of a per-site choice ("chosen for <origin>")
 */
export function resolveProfile(choice: ProfileChoice, state: CaptureState, origin?: string): ResolvedProfile {
  if (choice.kind === 'inline') return { profile: choice.profile, reason: 'from the loaded trace', key: choiceKey(choice) };
  if (choice.kind === 'named') {
    const p = getBuiltinProfile(choice.name) ?? SCAIWAVE_PROFILE;
    return { profile: p, reason: origin ? `chosen for ${origin}` : 'chosen in the toolbar', key: choice.name };
  }
  const first = state.connOrder.map((id) => state.connections.get(id)).find((c) => c !== undefined);
  if (!first) return { profile: SCAIWAVE_PROFILE, reason: 'auto: default profile (no connection yet)', key: 'auto' };
  const d = detectProfile(
    { url: first.url, protocols: first.protocols, protocol: first.protocol, firstFrames: firstFramesOf(state.events, first.frames) },
    BUILTIN_PROFILES,
  );
  return { profile: d.profile, reason: `auto: ${d.reason}`, key: 'auto' };
}

/**
 * The site a capture belongs to, for remembering the profile per site: the origin of the first
 * `page-navigation` URL, else of the first socket's document (`frameUrl`); "" when unknown.
 */
export function siteOrigin(events: readonly TraceEvent[], fallbackUrl = ''): string {
  const n = Math.min(events.length, 5000);
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.type === 'page-navigation') return originOf(e.url);
    if (e.type === 'ws-create' && e.frameUrl) return originOf(e.frameUrl);
  }
  return originOf(fallbackUrl);
}

/** `scheme://host[:port]` of a URL, or "" when it has none. */
export function originOf(url: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)/.exec(url);
  return m ? (m[1] as string).toLowerCase() : '';
}
