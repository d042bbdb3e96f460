/**
 * Colour class of a close, for markers and state labels: `clean` (1000/1001 or a clean close
 * the profile does not flag), `abnormal` (1006 or any unclean close), `auth` and `abort`
 * (profile kinds `auth` and `server-abort`, e.g. scaiwave 4001 and 4003), `fatal` (a fatal
 * close per docs/design.md#fatal-closes-and-credentials: 1002, 1003, 1007, 1008, 1010, 1015 or the profile's own).
 */
import { isFatalClose } from '../analysis/close-rules';
import type { Profile } from '../profile/types';

/** Close classes, in the order of the legend. */
export type CloseClass = 'clean' | 'abnormal' | 'auth' | 'abort' | 'fatal';

/** Class of a close `code` (with `wasClean` from the close event) under `profile`. */
export function closeClassOf(code: number, wasClean: boolean, profile: Profile): CloseClass {
  const own = profile.closeCodes?.[String(code)];
  if (own?.kind === 'auth') return 'auth';
  if (own?.kind === 'server-abort') return 'abort';
  if (isFatalClose(code, profile)) return 'fatal';
  if (code === 1006 || !wasClean) return 'abnormal';
  return 'clean';
}

/** Human name of a close class for legends and tooltips. */
export const CLOSE_CLASS_LABEL: Readonly<Record<CloseClass, string>> = {
  clean: 'clean close',
  abnormal: 'abnormal close (no close frame)',
  auth: 'auth close',
  abort: 'server abort',
  fatal: 'fatal close (reconnecting cannot help)',
};
