/**
 * Frame classification under a profile (docs/design.md#matchers, docs/design.md#positions-and-resumes).
 *
 * Each frame (each record, when the profile has a `recordSeparator`) is, in this order:
 * 1. `hello`  — matches `hello.match`;
 * 2. `ping`   — matches `heartbeat.ping` (also reversed when `heartbeat.bidirectional`);
 * 3. `pong`   — matches `heartbeat.pong` (likewise);
 * 4. `sync`   — matches `sync.frame` (an in-band resume carrying `cursor` at `sync.cursorPath`);
 * 5. `data`   — anything else. docs/design.md#positions-and-resumes: a data frame is an *inbound* frame that is neither
 *    hello nor heartbeat; outbound leftovers are `data` too, and the analysis ignores them.
 *
 * `position` (docs/design.md#positions-and-resumes "Last position"): read at `position.path` on inbound hello and data
 * frames only — numbers or numeric strings (see `toPosition`) — when the frame matches
 * `position.when` (if given; the path is then read after `when.prefix`) and, if
 * `position.after` is given, only from the first frame matching it on the same connection
 * onwards. A hello's position is the server's head, never a processed position.
 * `helloFields`: `hello.fields` read after `hello.match.prefix`; absent fields are omitted.
 * `intervalMs`: `heartbeat.intervalPath` × `intervalScale` on a hello, when numeric.
 * `positionReset`: the frame matches `position.resetWhen`.
 * `epoch`: `position.epoch.path` on inbound frames matching `position.epoch.when` (the hello
 * when absent); `serverError`: the `error.messagePath` text of inbound frames matching
 * `error.match`; `syncSession` and `cursorAbsent`: `sync.sessionPath` and whether
 * `sync.cursorPath` holds no value, on sync frames.
 *
 * Multi-record frames: the frame's `kind` is the first of hello, data, sync, ping, pong present
 * among its records; `position` is the hello's (kind hello) or the highest data position
 * (kind data); `cursor`, `helloFields`, `intervalMs` come from the first record carrying
 * them; `positionReset` if any record resets; `records` lists each record's class. An
 * analysis that needs every record reads `cls.records ?? [cls]`. A frame made only of
 * separators is `data`.
 */
import type { ConnId, WsMessageEvent, WsSendEvent } from '../events';
import { FrameView, prepareFrame, splitRecords } from './frame-view';
import { createMqttReassembler, fromBase64, mqttKeepAlive, sockjsRecords, toBase64, type FramedRecord } from './framing';
import { compileMatcher, containsQuoted, reverseMatcher, type CompiledMatcher } from './match';
import { compilePath, evalPath, toPosition, type CompiledPath } from './path';
import type { FrameClass, FrameKind, FrameMatcher, Profile } from './types';
import { combineRecords } from './combine-records';
import { readTopLevelValue, TOP_KEY_MAX_CHARS, UNSURE } from './top-level-value';

export { combineRecords };

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
  epochPath?: CompiledPath;
  epochWhen?: CompiledMatcher;
  error?: CompiledMatcher;
  errorMessage?: CompiledPath;
  sessionPath?: CompiledPath;
  negotiateHeader?: string;
  negotiateRequest?: CompiledMatcher;
  /** `position.opaque`: positions and cursors are read as strings (`token`). */
  opaque: boolean;
  /** Parse inbound text frames up front: the position is read from the whole text, ungated. */
  eagerJson: boolean;
  /** `"key"`: the JSON text of a frame whose position path resolves contains it (or an escape). */
  positionNeedle?: string;
  /** {@link positionNeedle} without its opening quote (see `containsQuoted`). */
  positionTail?: string;
  /** `"key"` when `position.path` is that one top-level key without a prefix (read unparsed, see positionValue). */
  topKey?: string;
}

/**
 * `evalPath(v.json(prefix), position.path)`; a one-key path on a small frame not parsed yet is
 * read without parsing it (same answer, top-level-value.ts).
 */
function positionValue(c: Compiled, v: FrameView): unknown {
  if (c.topKey !== undefined && v.text.length <= TOP_KEY_MAX_CHARS && !v.hasJson('')) {
    const raw = readTopLevelValue(v.text, 0, c.topKey);
    if (raw !== UNSURE) return raw;
  }
  return evalPath(v.json(c.when?.prefix ?? ''), c.positionPath!);
}

/**
 * False when the frame's JSON cannot hold `position.path`: the path starts with an object key
 * whose quoted form is missing from the text, which has no escapes either. Spares the parse of
 * frames without a position (presence, acks, other sockets).
 */
function mayHavePosition(c: Compiled, v: FrameView): boolean {
  return c.positionTail === undefined || containsQuoted(v.text, c.positionTail) || v.hasBackslash();
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
    eagerJson: false,
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
    if (hb.negotiate) {
      c.negotiateHeader = hb.negotiate.header;
      c.negotiateRequest = f(hb.negotiate.request, 'heartbeat.negotiate.request');
    }
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
  if (pos?.epoch) {
    c.epochPath = pathOf(pos.epoch.path, 'profile.position.epoch.path');
    if (pos.epoch.when) c.epochWhen = f(pos.epoch.when, 'position.epoch.when');
  }
  if (profile.error) {
    c.error = f(profile.error.match, 'error.match');
    if (profile.error.messagePath) c.errorMessage = pathOf(profile.error.messagePath, 'profile.error.messagePath');
  }
  if (profile.sync?.sessionPath) c.sessionPath = pathOf(profile.sync.sessionPath, 'profile.sync.sessionPath');
  c.eagerJson = c.positionPath !== undefined && !c.when && !c.after;
  const first = c.positionPath?.segments[0];
  // A numeric key may also index an array, whose text never quotes it.
  if (first?.k === 'key' && first.index === undefined && !JSON.stringify(first.key).includes('\\')) c.positionNeedle = JSON.stringify(first.key);
  if (c.positionNeedle !== undefined) c.positionTail = c.positionNeedle.slice(1);
  if (c.positionNeedle !== undefined && c.positionPath!.segments.length === 1 && !c.when) c.topKey = c.positionNeedle;
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
  // An inbound frame's JSON is read for its position (data or hello: nearly always): parse it first,
  // so the matchers skip their pre-checks; not a small frame whose position is one key (positionValue).
  if (c.eagerJson && v.dir === 'in' && !v.binary && (c.topKey === undefined || v.text.length > TOP_KEY_MAX_CHARS) && mayHavePosition(c, v)) v.json('');
  const kind = kindOf(c, v);
  const cls: FrameClass = { kind };
  if (gated && c.after && !gated.has(conn) && c.after.test(v)) gated.add(conn);
  if (c.positionPath && v.dir === 'in' && (kind === 'data' || kind === 'hello')) {
    if ((!c.after || gated!.has(conn)) && (!c.when || c.when.test(v))) {
      const raw = mayHavePosition(c, v) ? positionValue(c, v) : undefined;
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
  if (c.negotiateHeader !== undefined && (kind === 'hello' || (v.dir === 'out' && c.negotiateRequest!.test(v)))) {
    const offer = headerPair(v.text, c.negotiateHeader);
    if (offer) {
      cls.heartbeatOffer = offer;
      cls.heartbeatFrom = kind === 'hello' ? 'hello' : 'request';
    }
  }
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
  } else if (kind === 'sync') {
    const j = v.json(c.sync!.prefix);
    if (c.cursorPath) {
      const raw = evalPath(j, c.cursorPath);
      if (raw === undefined || raw === null || raw === '') cls.cursorAbsent = true;
      if (c.opaque) {
        const tok = toToken(raw);
        if (tok !== undefined) cls.token = tok;
      } else {
        const cur = toPosition(raw);
        if (cur !== undefined) cls.cursor = cur;
      }
    }
    if (c.sessionPath) {
      const sess = textOf(evalPath(j, c.sessionPath));
      if (sess !== undefined) cls.syncSession = sess;
    }
  }
  if (v.dir === 'in') {
    if (c.epochPath && (c.epochWhen ? c.epochWhen.test(v) : kind === 'hello')) {
      const ep = textOf(evalPath(v.json(c.epochWhen ? c.epochWhen.prefix : c.hello!.prefix), c.epochPath));
      if (ep !== undefined) cls.epoch = ep;
    }
    if (c.error?.test(v)) cls.serverError = c.errorMessage ? (textOf(evalPath(v.json(c.error.prefix), c.errorMessage)) ?? '') : '';
  }
  return cls;
}

/** A scalar as text (epochs and session ids compare as text); undefined for absent, null, objects. */
function textOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return undefined;
}

/**
 * The `[x, y]` of a STOMP-style header line `name:x,y` among the header lines of a frame
 * (after the command line, up to the first empty line), or undefined.
 */
export function headerPair(text: string, name: string): [number, number] | undefined {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line === '') break;
    if (!line.startsWith(name + ':')) continue;
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(line.slice(name.length + 1));
    return m ? [Number(m[1]), Number(m[2])] : undefined;
  }
  return undefined;
}

/** An opaque cursor: a non-empty string, or a finite number as its text; anything else undefined. */
function toToken(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Builds a classifier for `profile`: matchers are compiled once here (throws an Error naming
 * the field if a regex or path of an unvalidated profile is invalid); the returned function
 * never throws on payloads. Direction comes from the event type (`ws-message` = in,
 * `ws-send` = out). Binary frames are matched by `hexPrefix` on their base64 `data`.
 * `parsed`, when given, sees each whole frame's view after its classification (without a
 * record separator or framing), e.g. to keep the JSON it parsed.
 *
 * @example
 *   const classify = createClassifier(getBuiltinProfile('discord-gateway')!);
 *   classify(ev) // → { kind: 'data', position: 42 } for {"op":0,"s":42,"t":"MESSAGE_CREATE",…}
 */
export function createClassifier(profile: Profile, parsed?: (ev: WsSendEvent | WsMessageEvent, view: FrameView) => void): Classifier {
  const c = compileProfile(profile);
  const gated = c.after ? new Set<ConnId>() : undefined;
  const framing = profile.framing;
  const mqtt = framing === 'mqtt' ? createMqttReassembler() : undefined;
  const one = (r: FramedRecord, conn: ConnId): FrameClass => {
    if (r.transport === 'heartbeat') return { kind: 'ping', transport: true };
    if (r.transport) return { kind: 'data', transport: true };
    return classifyRecord(c, r.view, conn, gated);
  };
  return (ev) => {
    const view = prepareFrame({
      dir: ev.type === 'ws-message' ? 'in' : 'out',
      opcode: ev.opcode,
      data: ev.data,
      encoding: ev.encoding,
      truncated: ev.truncated,
    });
    if (!framing) {
      if (!c.separator) {
        const cls = classifyRecord(c, view, ev.conn, gated);
        parsed?.(ev, view);
        return cls;
      }
      const views = splitRecords(view, c.separator);
      if (views.length === 1) return classifyRecord(c, views[0]!, ev.conn, gated);
      return combineRecords(views.map((v) => classifyRecord(c, v, ev.conn, gated)));
    }
    if (mqtt) return classifyMqtt(c, mqtt, ev, view, gated);
    const framed = sockjsRecords(view);
    const recs: FrameClass[] = [];
    for (const r of framed) {
      if (r.transport || !c.separator) recs.push(one(r, ev.conn));
      else for (const v of splitRecords(r.view, c.separator)) recs.push(classifyRecord(c, v, ev.conn, gated));
    }
    return recs.length === 1 ? recs[0]! : combineRecords(recs);
  };
}

/**
 * `framing: mqtt`: the packets this frame completes, each classified on its first bytes; an
 * outbound CONNECT also reports its Keep Alive as `intervalMs` (s × 1000; 0 = no keep-alive).
 * A frame that completes no packet is `data` with no records.
 */
function classifyMqtt(c: Compiled, feed: ReturnType<typeof createMqttReassembler>, ev: WsSendEvent | WsMessageEvent, view: FrameView, gated: Set<ConnId> | undefined): FrameClass {
  if (!view.binary) return classifyRecord(c, view, ev.conn, gated);
  const bytes = fromBase64(ev.data);
  const size = ev.size > bytes.length ? ev.size : bytes.length;
  const packets = feed(`${String(ev.conn)}|${view.dir}`, bytes, ev.truncated ? size : bytes.length);
  const recs: FrameClass[] = [];
  for (const p of packets) {
    const cls = classifyRecord(c, new FrameView(view.dir, true, toBase64(p.head), p.truncated), ev.conn, gated);
    if (view.dir === 'out') {
      const ka = mqttKeepAlive(p.head);
      if (ka !== undefined) cls.intervalMs = ka * 1000;
    }
    recs.push(cls);
  }
  if (recs.length === 0) return { kind: 'data' };
  if (recs.length === 1) return recs[0]!;
  return combineRecords(recs);
}
