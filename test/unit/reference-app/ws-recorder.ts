/**
 * Test helper: a Node `ws` client that records every frame and the close, with waits.
 * Not a test file (no `.test.`), shared by the reference-app tests.
 */
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../reference-app/wire-types';

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface WsRecorder {
  ws: WebSocket;
  /** Parsed server frames, in arrival order. */
  frames: ServerFrame[];
  /** Set once the socket closed. */
  closeInfo: CloseInfo | null;
  /** Resolves at close. */
  closed: Promise<CloseInfo>;
  /** Resolves with the first frame (already received or future) matching `pred`. */
  waitForFrame<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  /** Resolves once `count` frames matching `pred` have arrived, with all of them. */
  waitForCount<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, count: number, timeoutMs?: number): Promise<T[]>;
  send(frame: unknown): void;
}

/** Connects to `url` (resolves on open, or on close when the server closes right away). */
export function connectRecorder(url: string, opts: { autoPong?: boolean } = {}): Promise<WsRecorder> {
  const ws = new WebSocket(url);
  const frames: ServerFrame[] = [];
  const listeners = new Set<() => void>();
  let resolveClosed!: (c: CloseInfo) => void;
  const closed = new Promise<CloseInfo>((r) => (resolveClosed = r));
  const rec: WsRecorder = {
    ws,
    frames,
    closeInfo: null,
    closed,
    waitForFrame(pred, timeoutMs = 3000) {
      return rec.waitForCount(pred, 1, timeoutMs).then((all) => all[0]!);
    },
    waitForCount<T extends ServerFrame>(pred: (f: ServerFrame) => f is T, count: number, timeoutMs = 3000) {
      return new Promise<T[]>((resolve, reject) => {
        const check = (): boolean => {
          const hits = frames.filter(pred);
          if (hits.length < count) return false;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(hits.slice(0, count));
          return true;
        };
        const listener = (): void => void check();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`timed out waiting for ${count} frames; got ${JSON.stringify(frames.slice(-5))}, close ${JSON.stringify(rec.closeInfo)}`));
        }, timeoutMs);
        if (!check()) listeners.add(listener);
      });
    },
    send(frame) {
      ws.send(JSON.stringify(frame));
    },
  };
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    if (opts.autoPong && frame.type === 'ping') rec.send({ type: 'pong', id: frame.id });
    for (const l of [...listeners]) l();
  });
  ws.on('error', () => {});
  ws.on('close', (code, reason) => {
    rec.closeInfo = { code, reason: reason.toString() };
    resolveClosed(rec.closeInfo);
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve(rec));
    ws.once('close', () => resolve(rec));
  });
}

export const isHello = (f: ServerFrame): f is Extract<ServerFrame, { type: 'hello' }> => f.type === 'hello';
export const isEvent = (f: ServerFrame): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event';
export const isPing = (f: ServerFrame): f is Extract<ServerFrame, { type: 'ping' }> => f.type === 'ping';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` unless `p` settles first. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`timed out after ${ms} ms: ${what}`)))]);
}

/** Polls `cond` every 10 ms until it is true; rejects after `ms`. */
export async function waitUntil(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await sleep(10);
  }
}
