/**
 * Profiles kept per site (docs/design.md#where-a-profile-comes-from): the panel's *Keep for
 * this site* stores, per origin (`scheme://host[:port]`), either a built-in preset's name or
 * the whole profile object in use (learned, edited or imported), in `storage.local` under
 * {@link PROFILE_BY_SITE_KEY}. Storage is input like any other: each entry is checked with the
 * profile schema (valibot) on the way in and out, and a bad entry is dropped alone.
 */
import * as v from 'valibot';
import { ProfileSchema } from '../profile/schema';
import { getBuiltinProfile } from '../profile/presets/index';
import type { Profile } from '../profile/types';

/** `storage.local` key of the per-site profiles (origin → name or profile object). */
export const PROFILE_BY_SITE_KEY = 'wavetrace.profileBySite';

/** What is kept for one site: a built-in preset's name, or a whole profile. */
export type KeptProfile = string | Profile;

/** Origins are `scheme://host[:port]`; longer keys are not origins. */
const OriginSchema = v.pipe(v.string(), v.maxLength(500), v.regex(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*$/));

/** One kept entry: a built-in name (never "auto", which means "nothing kept"), or a profile. */
export const KeptProfileSchema = v.union([
  v.pipe(
    v.string(),
    v.check((s) => getBuiltinProfile(s) !== undefined, 'not a built-in profile name'),
  ),
  ProfileSchema,
]);

/**
 * Reads the stored map. Not an object → empty; an entry whose key is not an origin or whose
 * value is neither a built-in name nor a valid profile is dropped (the rest are kept). At most
 * 1,000 sites. Never throws.
 */
export function keptProfilesFromStorage(raw: unknown): Record<string, KeptProfile> {
  const out: Record<string, KeptProfile> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  let n = 0;
  for (const [origin, value] of Object.entries(raw as Record<string, unknown>)) {
    if (n >= 1000) break;
    if (!v.is(OriginSchema, origin)) continue;
    const r = v.safeParse(KeptProfileSchema, value);
    if (!r.success) continue;
    out[origin] = r.output as KeptProfile;
    n++;
  }
  return out;
}

/** The stored form of the map: JSON-safe copies of the valid entries (bad ones are not written). */
export function keptProfilesToStorage(kept: Readonly<Record<string, KeptProfile>>): Record<string, KeptProfile> {
  return keptProfilesFromStorage(JSON.parse(JSON.stringify(kept)) as unknown);
}

/** Name shown for a kept entry (the preset's name or the profile's `name`). */
export function keptProfileName(k: KeptProfile): string {
  return typeof k === 'string' ? k : k.name;
}
