/**
 * Which profile `wavetrace check` analyses with (docs/design.md#check `--profile <name|file.json>`,
 * docs/design.md#where-a-profile-comes-from "auto-detected where possible … overridable by a file for the CLI"). Order:
 * 1. `--profile`: a built-in name, `auto`, or a profile JSON file (validated);
 * 2. the trace header's `profile`: a built-in name or an inline profile object (validated);
 *    `auto` (HAR imports) or an unknown name fall through to detection;
 * 3. auto-detection over the trace's connections (`detectProfile`), the profile chosen for
 *    most connections (ties: the earliest);
 * 4. a profile learned from the capture itself (docs/design.md#where-a-profile-comes-from):
 *    never scaiwave for traffic that does not look like it.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ConnId, TraceEvent } from '../core/events';
import { detectProfile, type DetectInput } from '../core/profile/detect';
import { BUILTIN_PROFILE_NAMES, getBuiltinProfile } from '../core/profile/presets/index';
import { learnedSummary } from '../core/profile/learn/describe';
import { learnProfile, type LearnedPart } from '../core/profile/learn/learn-profile';
import { parseProfile } from '../core/profile/schema';
import type { Profile } from '../core/profile/types';

/** The chosen profile, where it came from, and a sentence saying why. */
export interface ResolvedProfile {
  profile: Profile;
  source: 'option' | 'trace' | 'detected' | 'learned';
  reason: string;
  /** When learned: the parts, with confidence and evidence. */
  parts?: LearnedPart[];
}

/** Bad `--profile` or an invalid inline profile: the CLI exits 2 with this one-line message. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** Largest profile file read, bytes: 1 MiB (a profile is a few KB of JSON). */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/**
 * Reads a `--profile` file with the trace path's guards (docs/design.md#reading-untrusted-input):
 * only a regular file (a device such as /dev/zero or a named pipe would be read for ever), at
 * most {@link MAX_PROFILE_BYTES}, checked on the opened file and while reading (it may grow).
 * @param label how the file is named in messages (default `--profile <path>`)
 * @throws ProfileError one line: `--profile /dev/zero: not a regular file`, `… too large …`
 */
export function readProfileFile(path: string, label = `--profile ${path}`): string {
  let fd: number;
  try {
    // Non-blocking, so opening a named pipe without a writer does not wait for ever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new ProfileError(`${label}: cannot read: ${fsReason(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ProfileError(`${label}: not a regular file`);
    if (st.size > MAX_PROFILE_BYTES) throw new ProfileError(`${label}: too large (${st.size} bytes; a profile may have at most ${MAX_PROFILE_BYTES} bytes)`);
    const buf = Buffer.alloc(MAX_PROFILE_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_PROFILE_BYTES) throw new ProfileError(`${label}: too large (more than ${MAX_PROFILE_BYTES} bytes)`);
    }
    return new TextDecoder('utf-8').decode(buf.subarray(0, n));
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(`${label}: cannot read: ${fsReason(e)}`);
  } finally {
    closeSync(fd);
  }
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}

/** Frames per connection handed to detection (docs/design.md#where-a-profile-comes-from "first frames"). */
const DETECT_FRAMES = 5;

/**
 * Resolves the profile (order in the module comment).
 * @param option `--profile` value, if given
 * @param traceProfile the trace header's `profile` (name or inline object)
 * @param events the trace's events (for detection)
 * @throws ProfileError for an unknown name, an unreadable/invalid file, or an invalid inline profile
 */
export function resolveProfile(option: string | undefined, traceProfile: string | Profile | undefined, events: readonly TraceEvent[]): ResolvedProfile {
  if (option !== undefined) {
    if (option === 'auto') return detectFromEvents(events);
    const builtin = getBuiltinProfile(option);
    if (builtin) return { profile: builtin, source: 'option', reason: `--profile ${option}` };
    if (existsSync(option)) {
      const text = readProfileFile(option);
      try {
        return { profile: parseProfile(text), source: 'option', reason: `--profile ${option}` };
      } catch (e) {
        throw new ProfileError(`--profile ${option}: ${(e as Error).message}`);
      }
    }
    if (/\.json$/i.test(option) || /[\\/]/.test(option)) throw new ProfileError(`--profile ${option}: no such file`);
    throw new ProfileError(`unknown profile "${option}" (built-in: ${BUILTIN_PROFILE_NAMES.join(', ')}; or a profile .json file)`);
  }
  if (traceProfile !== undefined && typeof traceProfile === 'object') {
    try {
      const p = parseProfile(traceProfile);
      return { profile: p, source: 'trace', reason: `inline profile "${p.name}" of the trace` };
    } catch (e) {
      throw new ProfileError(`the trace's inline profile is invalid: ${(e as Error).message}`);
    }
  }
  if (typeof traceProfile === 'string' && traceProfile !== 'auto' && traceProfile !== '') {
    const builtin = getBuiltinProfile(traceProfile);
    if (builtin) return { profile: builtin, source: 'trace', reason: `profile "${traceProfile}" named by the trace` };
    const d = detectFromEvents(events);
    return { ...d, reason: `the trace names unknown profile "${traceProfile}"; ${d.reason}` };
  }
  return detectFromEvents(events);
}

/**
 * Auto-detection over all connections: URL, subprotocols and the first frames of each
 * connection go to `detectProfile`; the profile detected for most connections wins (ties:
 * the earliest connection); none detected → the profile learned from the events (`learned`).
 */
export function detectFromEvents(events: readonly TraceEvent[]): ResolvedProfile {
  const inputs = connectionDetectInputs(events);
  const votes = new Map<string, { profile: Profile; count: number; first: number; reason: string }>();
  let i = 0;
  for (const d of inputs.values()) {
    const det = detectProfile(d);
    i++;
    if (det.reason.startsWith('default profile')) continue;
    const v = votes.get(det.profile.name);
    if (v) v.count++;
    else votes.set(det.profile.name, { profile: det.profile, count: 1, first: i, reason: det.reason });
  }
  let best: { profile: Profile; count: number; first: number; reason: string } | undefined;
  for (const v of votes.values()) if (!best || v.count > best.count || (v.count === best.count && v.first < best.first)) best = v;
  if (!best) {
    const r = learnProfile(events);
    return { profile: r.profile, source: 'learned', reason: `learned from the capture (no preset matched): ${learnedSummary(r.profile)}`, parts: r.parts };
  }
  const n = inputs.size;
  return { profile: best.profile, source: 'detected', reason: `detected ${best.profile.name}: ${best.reason}${n > 1 ? ` (${best.count} of ${n} connections)` : ''}` };
}

/**
 * What detection sees of each connection, in creation order: URL, requested and negotiated
 * subprotocols, and the first {@link DETECT_FRAMES} frames (docs/design.md#where-a-profile-comes-from).
 */
export function connectionDetectInputs(events: readonly TraceEvent[]): Map<ConnId, DetectInput> {
  const inputs = new Map<ConnId, DetectInput & { frames: number }>();
  for (const e of events) {
    if (e.type === 'ws-create') {
      inputs.set(e.conn, { url: e.url, protocols: e.protocols, firstFrames: [], frames: 0 });
    } else if (e.type === 'ws-open') {
      const d = inputs.get(e.conn);
      if (d) d.protocol = e.protocol;
    } else if (e.type === 'ws-message' || e.type === 'ws-send') {
      const d = inputs.get(e.conn);
      if (d && d.frames < DETECT_FRAMES) {
        d.frames++;
        d.firstFrames!.push({ dir: e.type === 'ws-message' ? 'in' : 'out', opcode: e.opcode, data: e.data, encoding: e.encoding, truncated: e.truncated });
      }
    }
  }
  return inputs;
}
