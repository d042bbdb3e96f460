/**
 * Schema of a profile (docs/design.md#profile-fields) with valibot, and {@link parseProfile} for profiles that
 * come from files (CLI `--profile file.json`, inline profiles in traces, the panel's editor).
 *
 * Profiles are declarative: this module never evaluates anything. Regular expression
 * sources are compiled (linear-regex.ts) only to check them; paths are parsed with the
 * grammar of path.ts. Unknown keys are rejected, so a typo (`intervalMS`) is an error
 * rather than a silently ignored setting.
 */
import * as v from 'valibot';
import { linearRegexError } from './linear-regex';
import { compilePath } from './path';
import type { Profile } from './types';

const str = v.string('expected a string');
const nonEmpty = v.pipe(str, v.minLength(1, 'expected a non-empty string'));
const bool = v.boolean('expected true or false');
const finite = v.pipe(v.number('expected a number'), v.finite('expected a finite number'));
const msAtLeast0 = v.pipe(finite, v.minValue(0, 'expected a number ≥ 0 (ms)'));
const msAbove0 = v.pipe(finite, v.gtValue(0, 'expected a number > 0 (ms)'));

/** Why a pattern cannot be used: JavaScript syntax, or what the linear-time matcher refuses (linear-regex.ts). */
const regexError = linearRegexError;
const regexSource = v.pipe(
  str,
  // V8's message already reads "Invalid regular expression: /(/: Unterminated group".
  v.check((s) => regexError(s) === undefined, (issue) => regexError(String(issue.input)) ?? 'invalid regular expression'),
);

function pathError(p: string): string | undefined {
  try {
    compilePath(p);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
const pathString = v.pipe(
  str,
  v.check((s) => pathError(s) === undefined, (issue) => pathError(String(issue.input)) ?? 'invalid path'),
);

/** A strict object whose messages say "expected an object" / "missing required field" / "unknown key". */
function obj<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    // valibot's object schemas accept arrays; a profile never has an array where an object goes.
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected an object'),
    v.strictObject(entries, (issue) =>
      issue.expected === 'never' ? 'unknown key' : issue.expected?.startsWith('"') ? 'missing required field' : 'expected an object',
    ),
  );
}

const TEXT_CONDITIONS = ['text', 'regex', 'json', 'prefix'] as const;

/** Schema of a {@link FrameMatcher}: at least one condition; `hexPrefix` alone (binary frames). */
export const FrameMatcherSchema = v.pipe(
  obj({
    dir: v.picklist(['in', 'out'], 'expected "in" or "out"'),
    text: v.optional(str),
    regex: v.optional(regexSource),
    json: v.optional(v.record(pathString, v.unknown(), 'expected an object of path → value')),
    hexPrefix: v.optional(v.pipe(str, v.regex(/^(?:[0-9a-fA-F]{2})+$/, 'expected an even number of hex digits, e.g. "c000"'))),
    prefix: v.optional(str),
  }),
  v.check(
    (m) => m.hexPrefix !== undefined || TEXT_CONDITIONS.some((k) => m[k] !== undefined),
    'a matcher needs at least one of text, regex, json, hexPrefix, prefix',
  ),
  v.check(
    (m) => m.hexPrefix === undefined || TEXT_CONDITIONS.every((k) => m[k] === undefined),
    'hexPrefix matches binary frames only and cannot be combined with text, regex, json or prefix',
  ),
);

const CloseCodeSchema = obj({
  name: nonEmpty,
  kind: v.optional(str),
  meaning: v.optional(str),
  fatal: v.optional(bool),
  fatalUnlessNewCredentials: v.optional(bool),
  reasons: v.optional(v.record(str, str, 'expected an object of reason → explanation')),
});

const BackoffSchema = v.pipe(
  obj({
    immediateMs: msAtLeast0,
    baseMs: msAbove0,
    factor: v.pipe(finite, v.minValue(1, 'expected a number ≥ 1')),
    maxMs: msAbove0,
    jitter: v.pipe(finite, v.minValue(0, 'expected a number from 0 to 1'), v.maxValue(1, 'expected a number from 0 to 1')),
    stableAfterMs: msAtLeast0,
  }),
  v.forward(
    v.check((b) => b.maxMs >= b.baseMs, 'maxMs must be ≥ baseMs'),
    ['maxMs'],
  ),
);

/** Schema of a whole {@link Profile}. Output is assignable to `Profile`. */
export const ProfileSchema = obj({
  name: nonEmpty,
  description: v.optional(str),
  docs: v.optional(nonEmpty),
  assumedWireFormat: v.optional(bool),
  match: v.optional(
    obj({
      urlPath: v.optional(v.pipe(str, v.startsWith('/', 'expected a path starting with "/"'))),
      urlRegex: v.optional(regexSource),
      subprotocol: v.optional(nonEmpty),
      subprotocols: v.optional(v.array(nonEmpty, 'expected an array of strings')),
      firstFrame: v.optional(FrameMatcherSchema),
      firstFrameName: v.optional(str),
    }),
  ),
  hello: v.optional(
    obj({
      match: FrameMatcherSchema,
      fields: v.array(pathString, 'expected an array of paths'),
      http: v.optional(obj({ urlPath: v.pipe(str, v.startsWith('/', 'expected a path starting with "/"')), param: nonEmpty, idPath: pathString })),
    }),
  ),
  heartbeat: v.optional(
    obj({
      intervalMs: msAbove0,
      ping: FrameMatcherSchema,
      pong: v.optional(FrameMatcherSchema),
      pongTimeoutMs: v.optional(msAbove0),
      bidirectional: v.optional(bool),
      idleOnly: v.optional(bool),
      intervalPath: v.optional(pathString),
      intervalScale: v.optional(v.pipe(finite, v.gtValue(0, 'expected a number > 0'))),
      negotiate: v.optional(obj({ header: nonEmpty, request: FrameMatcherSchema })),
    }),
  ),
  position: v.optional(
    obj({
      path: v.pipe(pathString, v.minLength(1, 'expected a non-empty path')),
      contiguous: bool,
      when: v.optional(FrameMatcherSchema),
      after: v.optional(FrameMatcherSchema),
      resetWhen: v.optional(FrameMatcherSchema),
      epoch: v.optional(obj({ path: pathString, when: v.optional(FrameMatcherSchema) })),
      opaque: v.optional(bool),
    }),
  ),
  sync: v.optional(
    v.pipe(
      obj({
        urlPath: v.optional(v.pipe(str, v.startsWith('/', 'expected a path starting with "/"'))),
        param: v.optional(nonEmpty),
        responsePositions: v.optional(pathString),
        frame: v.optional(FrameMatcherSchema),
        cursorPath: v.optional(pathString),
        partial: v.optional(v.array(pathString, 'expected an array of paths')),
        sessionPath: v.optional(pathString),
        bodyPath: v.optional(pathString),
        resumeParam: v.optional(nonEmpty),
      }),
      v.check(
        (s) => s.urlPath !== undefined || s.frame !== undefined || s.resumeParam !== undefined,
        'a sync needs urlPath (HTTP catch-up), frame (in-band resume) or resumeParam (cursor in the reconnect URL)',
      ),
    ),
  ),
  backoff: BackoffSchema,
  recordSeparator: v.optional(nonEmpty),
  framing: v.optional(v.picklist(['sockjs', 'mqtt'], 'expected "sockjs" or "mqtt"')),
  session: v.optional(obj({ pathPattern: regexSource, replaceWith: v.optional(str) })),
  closeCodes: v.optional(
    v.record(v.pipe(str, v.regex(/^[1-4]\d{3}$/, 'close code keys must be codes 1000–4999')), CloseCodeSchema, 'expected an object of code → entry'),
  ),
  idleTimeoutsMs: v.optional(v.array(msAbove0, 'expected an array of numbers (ms)')),
  error: v.optional(obj({ match: FrameMatcherSchema, messagePath: v.optional(pathString) })),
});

// Compile-time check: whatever the schema accepts is a Profile.
type SchemaOutput = v.InferOutput<typeof ProfileSchema>;
const _assignable: (p: SchemaOutput) => Profile = (p) => p;
void _assignable;

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Renders a valibot issue path as `profile.a.b[0]["4001"]`. */
function formatPath(issue: v.BaseIssue<unknown>): string {
  let out = 'profile';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENT.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Validates a profile and returns it typed. Accepts the parsed JSON value, or a JSON string.
 * @throws Error with a one-line message naming the first bad field, e.g.
 *   `profile.heartbeat.intervalMs: expected a number`,
 *   `profile.heartbeat.ping.regex: Invalid regular expression: /(/: Unterminated group`,
 *   `profile.backoff.intervalMS: unknown key`, `profile.backoff: missing required field`;
 *   a trace (`format: "wavetrace"`) or a HAR (`log`) is named as such.
 */
export function parseProfile(json: unknown): Profile {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch (e) {
      throw new Error(`profile: not JSON: ${(e as Error).message}`);
    }
  }
  const res = v.safeParse(ProfileSchema, input);
  if (res.success) return res.output;
  // A trace or a HAR handed over as a profile: say what it is rather than which field it lacks.
  const top = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (top?.format === 'wavetrace') throw new Error('profile: this is a Wavetrace trace, not a profile (learn a profile from it with wavetrace profile learn)');
  if (top?.log !== null && typeof top?.log === 'object') throw new Error('profile: this is a HAR file, not a profile (learn a profile from it with wavetrace profile learn)');
  const issue = res.issues[0];
  throw new Error(`${formatPath(issue)}: ${issue.message.replace(/\s+/g, ' ')}`);
}
