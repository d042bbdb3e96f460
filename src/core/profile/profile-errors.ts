/**
 * Every schema error of a profile text, by field path, for the panel's profile editor
 * (docs/design.md#where-a-profile-comes-from): `heartbeat.intervalMs: expected a number`,
 * `backoff.intervalMS: unknown key`. Where {@link parseProfile} stops at the first error (one
 * line for the CLI and imports), the editor lists them all. The path leaves out the leading
 * `profile` (the editor's whole document is the profile); an error of the document itself
 * reads `(top level): …`.
 */
import * as v from 'valibot';
import { ProfileSchema } from './schema';
import type { Profile } from './types';

/** One error: where (a field path such as `heartbeat.ping.regex`, "" for the document) and what. */
export interface ProfileError {
  path: string;
  message: string;
}

/** The result of {@link checkProfileText}: a valid profile, or its errors (JSON syntax first). */
export type ProfileTextCheck = { ok: true; profile: Profile } | { ok: false; errors: ProfileError[] };

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** A valibot issue path as `a.b[0]["4001"]` ("" for the root). */
export function issuePath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENT.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One line per error: `path: message`, or `(top level): message`. */
export function formatProfileError(e: ProfileError): string {
  return `${e.path || '(top level)'}: ${e.message}`;
}

/**
 * Parses `text` as JSON and checks it against the profile schema (schema.ts), collecting
 * every issue (at most `max`, default 20). Never throws. JSON syntax errors give one error
 * with path "" and the parser's message.
 */
export function checkProfileText(text: string, max = 20): ProfileTextCheck {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}` }] };
  }
  const res = v.safeParse(ProfileSchema, input);
  if (res.success) return { ok: true, profile: res.output };
  const errors: ProfileError[] = [];
  const seen = new Set<string>();
  for (const issue of res.issues) {
    const e = { path: issuePath(issue.path as { key: unknown }[] | undefined), message: issue.message.replace(/\s+/g, ' ') };
    const k = formatProfileError(e);
    if (seen.has(k)) continue;
    seen.add(k);
    errors.push(e);
    if (errors.length >= max) break;
  }
  return { ok: false, errors };
}
