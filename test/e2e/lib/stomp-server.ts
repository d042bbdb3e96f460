/**
 * A minimal in-process STOMP 1.2 broker for the real-library runs, independent of its
 * transport (a `ws` socket or a SockJS connection): CONNECT/STOMP → CONNECTED with a chosen
 * `heart-beat`, heart-beats sent per the specification's rule (server→client every
 * max(sx, cy) ms unless either is 0), SUBSCRIBE, SEND → MESSAGE to every subscriber of the
 * destination, DISCONNECT → RECEIPT. Written here because no maintained npm broker runs
 * in-process over SockJS (stomp-broker-js is STOMP 1.1 only, binds its own WebSocket server
 * and has not been released since 2020). Counts the heart-beats it sent and received.
 */

/** One STOMP session on some transport. */
export interface StompSession {
  /** A message (one or more STOMP frames, or a bare EOL heart-beat) from the client. */
  onData(text: string): void;
  /** The transport closed: stop heart-beating, drop subscriptions. */
  onClose(): void;
}

/** Heart-beats counted by the broker. */
export interface StompCounts {
  sessions: number;
  heartbeatsSent: number;
  heartbeatsReceived: number;
}

/** The broker: sessions share subscriptions. `heartBeat` is the server's `[sx, sy]` (ms). */
export function createStompBroker(heartBeat: [number, number]): { session(send: (text: string) => void): StompSession; counts: StompCounts } {
  const counts: StompCounts = { sessions: 0, heartbeatsSent: 0, heartbeatsReceived: 0 };
  const subs = new Set<{ dest: string; id: string; send: (t: string) => void }>();
  let messageId = 0;
  return {
    counts,
    session(send) {
      counts.sessions++;
      let timer: ReturnType<typeof setInterval> | undefined;
      const mine = new Set<{ dest: string; id: string; send: (t: string) => void }>();
      const frame = (command: string, headers: Record<string, string>, body = '') =>
        send(`${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n')}\n\n${body}\u0000`);
      const handle = (raw: string) => {
        const end = raw.indexOf('\n\n');
        const head = (end < 0 ? raw : raw.slice(0, end)).split('\n').map((l) => l.replace(/\r$/, ''));
        const body = end < 0 ? '' : raw.slice(end + 2);
        const command = head[0] ?? '';
        const h: Record<string, string> = {};
        for (const line of head.slice(1)) {
          const i = line.indexOf(':');
          if (i > 0 && !(line.slice(0, i) in h)) h[line.slice(0, i)] = line.slice(i + 1);
        }
        if (command === 'CONNECT' || command === 'STOMP') {
          const [cx, cy] = (h['heart-beat'] ?? '0,0').split(',').map(Number) as [number, number];
          const [sx] = heartBeat;
          const every = sx > 0 && cy > 0 ? Math.max(sx, cy) : 0;
          frame('CONNECTED', { version: '1.2', 'heart-beat': heartBeat.join(','), server: 'wavetrace-test-broker' });
          void cx;
          if (every > 0) {
            timer = setInterval(() => {
              counts.heartbeatsSent++;
              send('\n');
            }, every);
          }
        } else if (command === 'SUBSCRIBE') {
          const s = { dest: h.destination ?? '', id: h.id ?? '', send: (t: string) => send(t) };
          subs.add(s);
          mine.add(s);
        } else if (command === 'SEND') {
          for (const s of subs) {
            if (s.dest !== h.destination) continue;
            s.send(`MESSAGE\ndestination:${s.dest}\nsubscription:${s.id}\nmessage-id:${++messageId}\n\n${body}\u0000`);
          }
        } else if (command === 'DISCONNECT') {
          if (h.receipt) frame('RECEIPT', { 'receipt-id': h.receipt });
        }
      };
      return {
        onData(text) {
          if (/^(?:\r?\n)+$/.test(text)) {
            counts.heartbeatsReceived++;
            return;
          }
          // Frames end with NUL; EOLs between frames are heart-beats.
          for (const part of text.split('\u0000')) {
            const t = part.replace(/^(?:\r?\n)+/, '');
            if (t) handle(t);
          }
        },
        onClose() {
          if (timer) clearInterval(timer);
          for (const s of mine) subs.delete(s);
        },
      };
    },
  };
}
