/**
 * Import and export of a `.profile.json` (docs/design.md#where-a-profile-comes-from): the same
 * file `wavetrace profile check` validates and `wavetrace check --profile` reads. Export writes
 * exactly the profile in use (a learned one included); import checks the whole file with the
 * profile schema and applies nothing when it is bad (one line naming the first bad field).
 */
import { parseProfile } from '../core/profile/schema';
import type { Profile } from '../core/profile/types';
import { visibleText } from '../core/visible-text';
import { saveFile } from './save-file';
import { pickFile } from './pick-file';

/** Largest profile file read, bytes (a profile is a few KiB). */
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;

/** `<name>.profile.json` with characters unsafe in file names replaced by `-`. */
export function profileFileName(p: Profile): string {
  const base = p.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'profile';
  return `${base}.profile.json`;
}

/** The file's text: the profile as pretty JSON with a final newline. */
export function profileFileText(p: Profile): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

/** Offers the profile as a `.profile.json` download. */
export function exportProfile(p: Profile): void {
  saveFile(new TextEncoder().encode(profileFileText(p)), profileFileName(p), 'application/json');
}

/**
 * Reads an imported file's text: the profile, or a one-line error
 * (`cannot import x.profile.json: profile.heartbeat.intervalMs: expected a number`).
 */
export function readProfileFile(fileName: string, text: string): { profile: Profile } | { error: string } {
  try {
    return { profile: parseProfile(text) };
  } catch (e) {
    return { error: visibleText(`cannot import ${fileName}: ${String((e as Error).message).split('\n')[0]}`) };
  }
}

/** Opens the file picker for a `.profile.json`; `done` gets the result (never called on cancel). */
export function pickProfileFile(done: (fileName: string, r: { profile: Profile } | { error: string }) => void): void {
  pickFile('.json,application/json', (f) => {
    if (f.size > MAX_PROFILE_FILE_BYTES) {
      done(f.name, { error: visibleText(`cannot import ${f.name}: larger than 1 MiB, not a profile`) });
      return;
    }
    f.text().then(
      (text) => done(f.name, readProfileFile(f.name, text)),
      (e: unknown) => done(f.name, { error: visibleText(`cannot read ${f.name}: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`) }),
    );
  });
}
