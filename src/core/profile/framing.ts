/**
 * Outer framings unwrapped before a profile's matchers run (`Profile.framing`,
 * docs/design.md#built-in-presets):
 * - `sockjs` (stateless): sockjs-protocol frames. In: `o` open, `h` heartbeat, `a[…]` array
 *   of messages, `m"…"` one message, `c[code,"reason"]` close. Out: a JSON array of strings.
 * - `mqtt` (per connection and direction): MQTT packets reassembled from the frames' bytes by
 *   their fixed header (OASIS MQTT 3.1.1 §2.2: type byte, Remaining Length in 1–4 bytes of 7
 *   bits each, low bits first).
 */
import { FrameView } from './frame-view';

/** One unwrapped record: the view the matchers see, and what the outer framing says it is. */
export interface FramedRecord {
  view: FrameView;
  /** A record of the framing itself: SockJS `o` (open), `h` (heartbeat), `c[…]` (close). */
  transport?: 'open' | 'heartbeat' | 'close';
}

/**
 * SockJS: the messages inside a frame, one record each. A frame that is not valid SockJS (or
 * a truncated preview whose JSON does not parse) is one record: the frame itself. Never throws.
 */
export function sockjsRecords(view: FrameView): FramedRecord[] {
  if (view.binary) return [{ view }];
  const t = view.text;
  if (view.dir === 'in') {
    if (t === 'o') return [{ view, transport: 'open' }];
    if (t === 'h') return [{ view, transport: 'heartbeat' }];
    const c = t.charCodeAt(0);
    if (c === 0x63 /* c */) return [{ view, transport: 'close' }];
    if (c === 0x61 /* a */) return messages(view, parseJson(t.slice(1)));
    if (c === 0x6d /* m */) {
      const m = parseJson(t.slice(1));
      return typeof m === 'string' ? [{ view: new FrameView(view.dir, false, m, false) }] : [{ view }];
    }
    return [{ view }];
  }
  return messages(view, parseJson(t));
}

function messages(view: FrameView, arr: unknown): FramedRecord[] {
  if (!Array.isArray(arr)) return [{ view }];
  const out: FramedRecord[] = [];
  for (const m of arr) if (typeof m === 'string') out.push({ view: new FrameView(view.dir, false, m, false) });
  return out;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Bytes of a packet kept for matching (`hexPrefix`) and for reading CONNECT's Keep Alive. */
const KEEP = 16;

interface MqttState {
  /** Bytes of the current packet seen so far (the first {@link KEEP}). */
  head: number[];
  /** Fixed-header bytes read (type + Remaining Length bytes); 0 = between packets. */
  headerLen: number;
  /** Remaining Length being decoded, then the body bytes still to come; −1 while the header is incomplete. */
  left: number;
  lenValue: number;
  lenShift: number;
}

/**
 * Creates an MQTT packet reassembler. `feed(key, bytes, size)` takes one frame's bytes (the
 * preview: maybe fewer than the frame's `size`) and returns the packets it completes, each as
 * its first {@link KEEP} bytes and whether more followed. Bytes past the preview are counted,
 * not seen: a packet boundary among them loses the packet stream, which restarts at the next
 * frame (libraries start frames at packet boundaries). Never throws.
 */
export function createMqttReassembler(): (key: string, bytes: Uint8Array | number[], size: number) => Array<{ head: number[]; truncated: boolean }> {
  const states = new Map<string, MqttState>();
  const fresh = (): MqttState => ({ head: [], headerLen: 0, left: -1, lenValue: 0, lenShift: 0 });
  return (key, bytes, size) => {
    let s = states.get(key);
    if (!s) {
      s = fresh();
      states.set(key, s);
    }
    const out: Array<{ head: number[]; truncated: boolean }> = [];
    const emit = (st: MqttState): void => {
      out.push({ head: st.head, truncated: false });
      s = fresh();
      states.set(key, s);
    };
    let i = 0;
    while (i < bytes.length) {
      const st: MqttState = s;
      const b = bytes[i]! & 0xff;
      if (st.left < 0) {
        // Fixed header: the type byte, then Remaining Length bytes.
        if (st.head.length < KEEP) st.head.push(b);
        st.headerLen++;
        i++;
        if (st.headerLen === 1) continue;
        st.lenValue += (b & 0x7f) * 2 ** st.lenShift;
        st.lenShift += 7;
        if (b & 0x80) {
          if (st.headerLen >= 5) {
            s = fresh(); // not MQTT: more than 4 length bytes
            states.set(key, s);
          }
          continue;
        }
        st.left = st.lenValue;
        if (st.left === 0) emit(st);
        continue;
      }
      const n = Math.min(st.left, bytes.length - i);
      for (let k = 0; k < n && st.head.length < KEEP; k++) st.head.push(bytes[i + k]! & 0xff);
      st.left -= n;
      i += n;
      if (st.left === 0) emit(st);
    }
    const unseen = size - bytes.length;
    if (unseen > 0) {
      const st: MqttState = s;
      if (st.left >= unseen) {
        st.left -= unseen;
        if (st.left === 0) {
          out.push({ head: st.head, truncated: true });
          states.set(key, fresh());
        }
      } else {
        states.set(key, fresh()); // a boundary among the unseen bytes: restart at the next frame
      }
    }
    return out;
  };
}

const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of `bytes` (RFC 4648 §4, with padding). */
export function toBase64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += ABC[a >> 2]! + ABC[((a & 3) << 4) | (b >> 4)]!;
    out += i + 1 < bytes.length ? ABC[((b & 15) << 2) | (c >> 6)]! : '=';
    out += i + 2 < bytes.length ? ABC[c & 63]! : '=';
  }
  return out;
}

/** Decodes base64 (standard or URL alphabet; stops at padding or garbage). Never throws. */
export function fromBase64(data: string): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    const v = ch === '-' ? 62 : ch === '_' ? 63 : ABC.indexOf(ch);
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

/**
 * MQTT CONNECT Keep Alive in seconds from a packet's first bytes (§3.1.2.10: after the
 * protocol name, level and flags), or undefined when the bytes are not a CONNECT or too few.
 */
export function mqttKeepAlive(head: readonly number[]): number | undefined {
  if ((head[0]! & 0xf0) !== 0x10) return undefined;
  let i = 1;
  while (i < head.length && i < 5 && head[i]! & 0x80) i++;
  i++; // last Remaining Length byte
  if (i + 2 > head.length) return undefined;
  const nameLen = (head[i]! << 8) | head[i + 1]!;
  const at = i + 2 + nameLen + 2; // name, level, flags
  if (nameLen > 6 || at + 2 > head.length) return undefined;
  return (head[at]! << 8) | head[at + 1]!;
}
