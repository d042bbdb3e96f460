/**
 * An in-process TCP proxy on 127.0.0.1 that plays the misbehaving middlebox of the ScaiWave troubleshooting page
 * (docs/design.md#the-scaiwave-profile).
 *
 * Rules of that page reproduced:
 * - "Proxy or load balancer has too low an idle timeout … if a middlebox closes idle connections
 *   at 20s, you get drops": a connection that carried no byte in either direction for
 *   `idleTimeoutMs` milliseconds is cut by destroying both TCP sockets. No WebSocket close frame
 *   is sent, so a browser reports close code 1006 (what `idle-timeout-suspected` looks for).
 * - "Drops without close frame — connection just goes silent — no close frame, no error":
 *   {@link IdleProxy.dropSilently} stops forwarding on every current connection and keeps both
 *   sockets open (no FIN, no RST); bytes from either side are read and discarded, and such a
 *   connection is never idle-cut (the black hole stays a black hole until `close()`).
 *   Connections opened afterwards are forwarded normally.
 *
 * It works at the TCP level, so it forwards HTTP (the page, /v1/token, /v1/sync) as well as the
 * WebSocket. Half-closes are forwarded (FIN on one side → FIN on the other).
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface IdleProxyOptions {
  /** Port of the server to forward to. */
  targetPort: number;
  /** Host of the server; default 127.0.0.1. */
  targetHost?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Milliseconds without a byte in either direction after which a connection is cut; 0 = never. Default 20 000 (the troubleshooting page's 20 s). */
  idleTimeoutMs?: number;
  /** Called on every proxy event (the CLI prints them). */
  onEvent?: (event: ProxyEvent) => void;
}

/** What happened to a proxied connection. `t` is epoch milliseconds. */
export interface ProxyEvent {
  t: number;
  conn: number;
  kind: 'open' | 'idle-cut' | 'drop' | 'close';
  /** For `idle-cut`: how long the connection had been idle, in milliseconds. */
  idleMs?: number;
}

export interface IdleProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `ws://127.0.0.1:<port>` */
  wsUrl: string;
  port: number;
  /** Stops forwarding on all current connections without closing them. Returns how many. */
  dropSilently(): number;
  /** Changes the idle timeout for current and future connections (0 = never). */
  setIdleTimeout(ms: number): void;
  /** Connections currently held (forwarding or dropped). */
  connectionCount(): number;
  /** Everything that happened, oldest first. */
  events(): ProxyEvent[];
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

interface Pair {
  id: number;
  client: Socket;
  upstream: Socket;
  lastActivity: number;
  dropped: boolean;
  timer: NodeJS.Timeout | undefined;
}

/** Starts the proxy; resolves once it listens. */
export async function startIdleProxy(opts: IdleProxyOptions): Promise<IdleProxy> {
  const targetHost = opts.targetHost ?? '127.0.0.1';
  let idleTimeoutMs = opts.idleTimeoutMs ?? 20_000;
  const pairs = new Set<Pair>();
  const log: ProxyEvent[] = [];
  let nextId = 1;

  const emit = (event: Omit<ProxyEvent, 't'>): void => {
    const full = { t: Date.now(), ...event };
    log.push(full);
    opts.onEvent?.(full);
  };

  const armIdleTimer = (pair: Pair): void => {
    clearTimeout(pair.timer);
    pair.timer = undefined;
    if (pair.dropped || idleTimeoutMs <= 0) return;
    const due = pair.lastActivity + idleTimeoutMs - Date.now();
    pair.timer = setTimeout(() => {
      const idleMs = Date.now() - pair.lastActivity;
      if (idleMs >= idleTimeoutMs) {
        emit({ conn: pair.id, kind: 'idle-cut', idleMs });
        pair.client.destroy();
        pair.upstream.destroy();
      } else armIdleTimer(pair);
    }, Math.max(due, 0));
  };

  /** Forwards `from` → `to` unless the pair is dropped; honours back-pressure and half-close. */
  const forward = (pair: Pair, from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (pair.dropped) return;
      pair.lastActivity = Date.now();
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    from.on('end', () => {
      if (!pair.dropped) to.end();
    });
  };

  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port: opts.targetPort, host: targetHost, allowHalfOpen: true });
    const pair: Pair = { id: nextId++, client, upstream, lastActivity: Date.now(), dropped: false, timer: undefined };
    pairs.add(pair);
    emit({ conn: pair.id, kind: 'open' });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    forward(pair, client, upstream);
    forward(pair, upstream, client);
    let closed = false;
    const onClose = (): void => {
      if (!pair.dropped) {
        // Normal mode: one side gone → the other goes too. A black hole passes nothing on.
        if (!client.destroyed) client.destroy();
        if (!upstream.destroyed) upstream.destroy();
      }
      if (!client.destroyed || !upstream.destroyed || closed) return;
      closed = true;
      clearTimeout(pair.timer);
      pairs.delete(pair);
      emit({ conn: pair.id, kind: 'close' });
    };
    client.on('close', onClose);
    upstream.on('close', onClose);
    client.on('error', () => {});
    upstream.on('error', () => {});
    armIdleTimer(pair);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    dropSilently() {
      let n = 0;
      for (const pair of pairs) {
        if (pair.dropped) continue;
        pair.dropped = true;
        clearTimeout(pair.timer);
        // Keep reading (and discarding) so neither side's writes block; never end either side.
        pair.client.resume();
        pair.upstream.resume();
        emit({ conn: pair.id, kind: 'drop' });
        n++;
      }
      return n;
    },
    setIdleTimeout(ms) {
      idleTimeoutMs = ms;
      for (const pair of pairs) armIdleTimer(pair);
    },
    connectionCount: () => pairs.size,
    events: () => [...log],
    async close() {
      for (const pair of pairs) {
        clearTimeout(pair.timer);
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
