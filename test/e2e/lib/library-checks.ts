/**
 * Checks shared by the real-library runs (Chromium and Firefox): the profile each library must
 * get, and heartbeats counted from the raw frames without the profile's matchers.
 */
import type { TraceEvent, WsMessageEvent, WsSendEvent } from '../../../src/core/events';
import type { Lib } from './library-servers';

/** The profile each library's capture must be judged with. */
export const PROFILE: Record<Lib, string> = { sockjs: 'sockjs', 'stomp-sockjs': 'stomp-sockjs', stomp: 'stomp', socketio: 'socketio-v4', mqtt: 'mqtt' };

/** The frame events of a capture. */
export const frames = (ev: TraceEvent[]) => ev.filter((e): e is WsMessageEvent | WsSendEvent => e.type === 'ws-message' || e.type === 'ws-send');
const bytes = (e: WsMessageEvent | WsSendEvent) => (e.encoding === 'base64' ? [...Buffer.from(e.data, 'base64')] : []);

/** Heartbeats counted from the raw frames, without the profile's matchers. */
export function rawHeartbeats(lib: Lib, ev: TraceEvent[]): number {
  let n = 0;
  for (const f of frames(ev)) {
    const d = f.data;
    const inb = f.type === 'ws-message';
    if (lib === 'sockjs' && inb && d === 'h') n++;
    else if (lib === 'stomp-sockjs') {
      if (inb && d === 'h') n++;
      else if ((inb && d.startsWith('a[')) || (!inb && d.startsWith('['))) n += (JSON.parse(inb ? d.slice(1) : d) as string[]).filter((m) => /^(?:\r?\n)+$/.test(m)).length;
    } else if (lib === 'stomp' && /^(?:\r?\n)+$/.test(d)) n++;
    else if (lib === 'socketio' && ((inb && d === '2') || (!inb && d === '3'))) n++;
    else if (lib === 'mqtt') {
      const b = bytes(f);
      if ((!inb && b[0] === 0xc0) || (inb && b[0] === 0xd0)) n++;
    }
  }
  return n;
}

