/**
 * Frame classification under a profile (docs/design.md#profiles and §5).
 *
 * Each frame (each record, when the profile has a `recordSeparator`) is, in this order:
 * 1. `hello`  — matches `hello.match`;
 * 2. `ping`   — matches `heartbeat.ping` (also reversed when `heartbeat.bidirectional`);
 * 3. `pong`   — matches `heartbeat.pong` (likewise);
 * 4. `sync`   — matches `sync.frame` (an in-band resume carrying `cursor` at `sync.cursorPath`);
 * 5. `data`   — anything else. docs/design.md#analysis: a data frame is an *inbound* frame that is neither
 *    hello nor heartbeat; outbound leftovers are `data` too, and the analysis ignores them.
 *
 * `position` (docs/design.md#analysis "Last position"): read at `position.path` on inbound hello and data
 * frames only — numbers or numeric strings (see `toPosition`) — when the frame matches
 * `position.when` (if given; the path is then read after `when.prefix`) and, if
 * `position.after` is given, only from the first frame matching it on the same connection
 * onwards. A hello's position is the server's head, never a processed position.
 * `helloFields`: `hello.fields` read after `hello.match.prefix`; absent fields are omitted.
 * `intervalMs`: `heartbeat.intervalPath` × `intervalScale` on a hello, when numeric.
 * `positionReset`: the frame matches `position.resetWhen`.
 *
 * Multi-record frames: the frame's `kind` is the first of hello, data, sync, ping, pong present
 * among its records; `position` is the hello's (kind hello) or the highest data position
 * (kind data); `cursor`, `helloFields`, `intervalMs` come from the first record carrying
 * them; `positionReset` if any record resets; `records` lists each record's class. An
 * analysis that needs every record reads `cls.records ?? [cls]`. A frame made only of
 * separators is `data`.
 */
import type { ConnId, WsMessageEvent, WsSendEvent } from '../events';
import { prepareFrame, splitRecords, type FrameView } from './frame-view';
import { compileMatcher, reverseMatcher, type CompiledMatcher } from './match';
import { compilePath, evalPath, toPosition, type CompiledPath } from './path';
import type { FrameClass, FrameKind, FrameMatcher, Profile } from './types';

/** Classifies one frame event; keeps per-connection state for `position.after`, so feed frames in `seq` order. */
export type Classifier = (frame: WsSendEvent | WsMessageEvent) => FrameClass;

/** Compiled form of a profile's matchers and paths, shared by the classifier. */
interface Compiled {
  hello?: CompiledMatcher;
  helloFields: Array<[string, CompiledPath]>;
  intervalPath?: CompiledPath;
  intervalScale: number;
  pings: CompiledMatcher[];
  pongs: CompiledMatcher[];
  sync?: CompiledMatcher;
  cursorPath?: CompiledPath;
  positionPath?: CompiledPath;
  when?: CompiledMatcher;
  after?: CompiledMatcher;
  resetWhen?: CompiledMatcher;
  separator?: string;
  /** `position.opaque`: positions and cursors are read as strings (`token`). */
  opaque: boolean;
}

function pathOf(p: string, field: string): CompiledPath {
  try {
    return compilePath(p);
  } catch (e) {
    throw new Error(`${field}: ${(e as Error).message}`);
  }
}

function compileProfile(profile: Profile): Compiled {
  const f = (m: FrameMatcher, field: string) => compileMatcher(m, `profile.${field}`);
  const hb = profile.heartbeat;
  const c: Compiled = {
    helloFields: (profile.hello?.fields ?? []).map((p, i) => [p, pathOf(p, `profile.hello.fields[${i}]`)]),
    intervalScale: hb?.intervalScale ?? 1,
    pings: [],
    pongs: [],
    opaque: profile.position?.opaque === true,
  };
  if (profile.hello) c.hello = f(profile.hello.match, 'hello.match');
  if (hb) {
    c.pings.push(f(hb.ping, 'heartbeat.ping'));
    if (hb.pong) c.pongs.push(f(hb.pong, 'heartbeat.pong'));
    if (hb.bidirectional) {
      c.pings.push(f(reverseMatcher(hb.ping), 'heartbeat.ping'));
      if (hb.pong) c.pongs.push(f(reverseMatcher(hb.pong), 'heartbeat.pong'));
    }
    if (hb.intervalPath) c.intervalPath = pathOf(hb.intervalPath, 'profile.heartbeat.intervalPath');
  }
  if (profile.sync?.frame) {
    c.sync = f(profile.sync.frame, 'sync.frame');
    if (profile.sync.cursorPath) c.cursorPath = pathOf(profile.sync.cursorPath, 'profile.sync.cursorPath');
  }
  const pos = profile.position;
  if (pos) {
    c.positionPath = pathOf(pos.path, 'profile.position.path');
    if (pos.when) c.when = f(pos.when, 'position.when');
    if (pos.after) c.after = f(pos.after, 'position.after');
    if (pos.resetWhen) c.resetWhen = f(pos.resetWhen, 'position.resetWhen');
  }
  if (profile.recordSeparator) c.separator = profile.recordSeparator;
  return c;
}

function anyTest(ms: CompiledMatcher[], v: FrameView): boolean {
  for (let i = 0; i < ms.length; i++) if (ms[i]!.test(v)) return true;
  return false;
}

function kindOf(c: Compiled, v: FrameView): FrameKind {
  if (c.hello?.test(v)) return 'hello';
  if (anyTest(c.pings, v)) return 'ping';
  if (anyTest(c.pongs, v)) return 'pong';
  if (c.sync?.test(v)) return 'sync';
  return 'data';
}

function classifyRecord(c: Compiled, v: FrameView, conn: ConnId, gated: Set<ConnId> | undefined): FrameClass {
  const kind = kindOf(c, v);
  const cls: FrameClass = { kind };
  if (gated && c.after && !gated.has(conn) && c.after.test(v)) gated.add(conn);
  if (c.positionPath && v.dir === 'in' && (kind === 'data' || kind === 'hello')) {
    if ((!c.after || gated!.has(conn)) && (!c.when || c.when.test(v))) {
      const raw = evalPath(v.json(c.when?.prefix ?? ''), c.positionPath);
      if (c.opaque) {
        const tok = toToken(raw);
        if (tok !== undefined && kind === 'data') cls.token = tok;
      } else {
        const p = toPosition(raw);
        if (p !== undefined) cls.position = p;
      }
    }
  }
  if (c.resetWhen?.test(v)) cls.positionReset = true;
  if (kind === 'hello') {
    const j = v.json(c.hello!.prefix);
    if (c.helloFields.length) {
      const fields: Record<string, unknown> = {};
      for (const [name, path] of c.helloFields) {
        const val = evalPath(j, path);
        if (val !== undefined) fields[name] = val;
      }
      cls.helloFields = fields;
    }
    if (c.intervalPath) {
      const iv = toPosition(evalPath(j, c.intervalPath));
      if (iv !== undefined) cls.intervalMs = iv * c.intervalScale;
    }
  } else if (kind === 'sync' && c.cursorPath) {
    const raw = evalPath(v.json(c.sync!.prefix), c.cursorPath);
    if (c.opaque) {
      const tok = toToken(raw);
      if (tok !== undefined) cls.token = tok;
    } else {
      const cur = toPosition(raw);
      if (cur !== undefined) cls.cursor = cur;
    }
  }
  return cls;
}

/** An opaque cursor: a non-empty string, or a finite number as its text; anything else undefined. */
function toToken(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

const KIND_PRIORITY: FrameKind[] = ['hello', 'data', 'sync', 'ping', 'pong'];

/** Summarises the classes of a frame's records (rules in the module comment). */
export function combineRecords(records: FrameClass[]): FrameClass {
  if (records.length === 0) return { kind: 'data' };
  if (records.length === 1) return records[0]!;
  let kind: FrameKind = 'data';
  for (const k of KIND_PRIORITY) {
    if (records.some((r) => r.kind === k)) {
      kind = k;
      break;
    }
  }
  const out: FrameClass = { kind };
  for (const r of records) {
    if (kind === 'data' && r.kind === 'data' && r.position !== undefined) {
      out.position = out.position === undefined ? r.position : Math.max(out.position, r.position);
    }
    if (kind === 'hello' && r.kind === 'hello' && r.position !== undefined && out.position === undefined) out.position = r.position;
    if (r.cursor !== undefined && out.cursor === undefined) out.cursor = r.cursor;
    if (r.token !== undefined && (out.token === undefined || (kind === 'data' && r.kind === 'data'))) out.token = r.token;
    if (r.helloFields && !out.helloFields) out.helloFields = r.helloFields;
    if (r.intervalMs !== undefined && out.intervalMs === undefined) out.intervalMs = r.intervalMs;
    if (r.positionReset) out.positionReset = true;
  }
  out.records = records;
  return out;
}

/**
 * Builds a classifier for `profile`: matchers are compiled once here (throws an Error naming
 * the field if a regex or path of an unvalidated profile is invalid); the returned function
 * never throws on payloads. Direction comes from the event type (`ws-message` = in,
 * `ws-send` = out). Binary frames are matched by `hexPrefix` on their base64 `data`.
 *
 * @example
 *   const classify = createClassifier(getBuiltinProfile('discord-gateway')!);
 *   classify(ev) // → { kind: 'data', position: 42 } for {"op":0,"s":42,"t":"MESSAGE_CREATE",…}
 */
export function createClassifier(profile: Profile): Classifier {
  const c = compileProfile(profile);
  const gated = c.after ? new Set<ConnId>() : undefined;
  return (ev) => {
    const view = prepareFrame({
      dir: ev.type === 'ws-message' ? 'in' : 'out',
      opcode: ev.opcode,
      data: ev.data,
      encoding: ev.encoding,
      truncated: ev.truncated,
    });
    if (!c.separator) return classifyRecord(c, view, ev.conn, gated);
    const views = splitRecords(view, c.separator);
    if (views.length === 1) return classifyRecord(c, views[0]!, ev.conn, gated);
    return combineRecords(views.map((v) => classifyRecord(c, v, ev.conn, gated)));
  };
}
