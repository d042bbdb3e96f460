/**
 * The Playwright fixture's `wavetraceOptions.profile`, resolved once when the fixture is set up
 * (docs/design.md#package-and-playwright-fixture): a misspelt preset name or an invalid profile
 * fails the test at once, in one line, instead of at its first `findings()` after the test body ran.
 */
import { existsSync } from 'node:fs';
import { BUILTIN_PROFILE_NAMES, getBuiltinProfile } from '../core/profile/presets/index';
import { parseProfile } from '../core/profile/schema';
import type { Profile } from '../core/profile/types';
import { readProfileFile } from '../cli/resolve-profile';

/** How messages name the option. */
const WHERE = 'wavetraceOptions.profile';

/**
 * Resolves the fixture's profile option, as `wavetrace check --profile` reads its argument
 * (docs/design.md#check), plus an inline profile object.
 * @param option `undefined` or `'auto'` (detect per page when findings are asked for), a built-in
 *   name (`scaiwave`, `socketio-v4`, …), a path to a profile JSON file (relative to the working
 *   directory of the test run), or a profile object
 * @returns the profile every page is analysed with, or undefined for auto-detection
 * @throws Error one line: `wavetraceOptions.profile: unknown profile "scaiwve" (built-in: …, or
 *   "auto", or a profile .json file)`, `wavetraceOptions.profile p.json: profile.backoff: missing
 *   required field` (the first schema error), `wavetraceOptions.profile p.json: no such file`
 */
export function resolveFixtureProfile(option: unknown): Profile | undefined {
  if (option === undefined || option === 'auto') return undefined;
  if (typeof option === 'string') {
    const builtin = getBuiltinProfile(option);
    if (builtin) return builtin;
    if (existsSync(option)) {
      const label = `${WHERE} ${option}`;
      const text = readProfileFile(option, label);
      try {
        return parseProfile(text);
      } catch (e) {
        throw new Error(`${label}: ${(e as Error).message}`);
      }
    }
    if (/\.json$/i.test(option) || /[\\/]/.test(option)) throw new Error(`${WHERE} ${option}: no such file`);
    throw new Error(`${WHERE}: unknown profile ${JSON.stringify(option)} (built-in: ${BUILTIN_PROFILE_NAMES.join(', ')}; or "auto", a profile .json file, or a profile object)`);
  }
  if (option !== null && typeof option === 'object' && !Array.isArray(option)) {
    try {
      return parseProfile(option);
    } catch (e) {
      throw new Error(`${WHERE}: ${(e as Error).message}`);
    }
  }
  throw new Error(`${WHERE}: expected a built-in profile name, "auto", a profile .json file or a profile object, got ${option === null ? 'null' : Array.isArray(option) ? 'an array' : typeof option}`);
}
