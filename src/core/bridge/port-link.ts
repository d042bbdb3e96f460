/**
 * Adapts a WebExtension `runtime.Port` to a {@link Link}. Uses only the Port's structural
 * shape, so core stays free of browser imports.
 */
import type { Link, LinkMeta } from './link';

/** The subset of `runtime.Port` this adapter needs. */
export interface PortLike {
  name: string;
  sender?: { tab?: { id?: number }; frameId?: number; documentId?: string };
  postMessage(msg: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (msg: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** Wraps a port. `post` returns false (and loses the message) once the port is gone. */
export function portLink<In, Out>(port: PortLike): Link<In, Out> {
  let closed = false;
  const s = port.sender;
  const meta: LinkMeta = { name: port.name, tabId: s?.tab?.id, frameId: s?.frameId };
  if (typeof s?.documentId === 'string') meta.documentId = s.documentId;
  port.onDisconnect.addListener(() => {
    closed = true;
  });
  return {
    meta,
    post(msg) {
      if (closed) return false;
      try {
        port.postMessage(msg);
        return true;
      } catch {
        closed = true;
        return false;
      }
    },
    onMessage(cb) {
      port.onMessage.addListener((m) => cb(m as In));
    },
    onDisconnect(cb) {
      port.onDisconnect.addListener(cb);
    },
    disconnect() {
      closed = true;
      port.disconnect();
    },
  };
}
