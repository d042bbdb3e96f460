/**
 * Close-code rules: decoding (docs/design.md#close-codes: every close shows its code's name
 * and meaning) and fatal closes (docs/design.md#fatal-closes-and-credentials).
 */
import { describeCloseCode } from '../close-codes';
import type { Profile } from '../profile/types';
import type { CloseInfo, At } from './types';

/** Standard codes after which reconnecting cannot help (docs/design.md#fatal-closes-and-credentials): 1002, 1003, 1007, 1008, 1010, 1015. */
export const FATAL_STANDARD_CODES: ReadonlySet<number> = new Set([1002, 1003, 1007, 1008, 1010, 1015]);

/** 1006: the connection dropped without a close frame (RFC 6455 §7.4.1). */
export const ABNORMAL_CLOSE = 1006;

/**
 * True when `code` is fatal under `profile`: a standard fatal code (unless the profile's own
 * entry sets `fatal: false`), or a code the profile marks `fatal: true`. Codes marked
 * `fatalUnlessNewCredentials` are not fatal here (judged by `auth-retry-same-token`).
 */
export function isFatalClose(code: number, profile: Profile): boolean {
  const own = profile.closeCodes?.[String(code)];
  if (own?.fatalUnlessNewCredentials) return false;
  if (own?.fatal !== undefined) return own.fatal;
  return FATAL_STANDARD_CODES.has(code);
}

/**
 * Decodes a `ws-close` into a {@link CloseInfo}: name/meaning from the profile, RFC 6455 or
 * IANA; the profile's reason explanation; kind; fatal flags.
 */
export function decodeClose(at: At, code: number, reason: string, wasClean: boolean, profile: Profile): CloseInfo {
  const own = profile.closeCodes?.[String(code)];
  const out: CloseInfo = {
    seq: at.seq,
    t: at.t,
    code,
    reason,
    wasClean,
    info: describeCloseCode(code, profile.closeCodes, profile.name),
    fatal: isFatalClose(code, profile),
    needsNewCredentials: own?.fatalUnlessNewCredentials === true,
  };
  if (own?.kind) out.kind = own.kind;
  const rm = own?.reasons?.[reason];
  if (rm) out.reasonMeaning = rm;
  return out;
}

/** "1006 Abnormal Closure" / "4003 server abort (ping_timeout)": code, name and reason. */
export function closeLabel(c: Pick<CloseInfo, 'code' | 'reason' | 'info'>): string {
  return `${c.code} ${c.info.name}${c.reason ? ` (${c.reason})` : ''}`;
}
