/**
 * A message link between two places: the swappable transport under the bridge
 * (React DevTools style). Browser code wraps `runtime.Port`; tests use
 * {@link createLinkPair}, so hook → relay → hub → panel runs in one Node test.
 */

/** One end of a bidirectional link that sends `Out` and receives `In`. */
export interface Link<In, Out> {
  /** Sends a message. Throws nothing; a message posted on a closed link is lost (returns false). */
  post(msg: Out): boolean;
  /** Registers the message handler (one per link). */
  onMessage(cb: (msg: In) => void): void;
  /** Registers the disconnect handler, called once when the other end disconnects. */
  onDisconnect(cb: () => void): void;
  /** Closes both ends; the other end's disconnect handler fires. */
  disconnect(): void;
  /** Metadata about the peer (for runtime ports: the sender's tab and frame). */
  readonly meta: LinkMeta;
}

/** What the receiving side knows about who opened the link. */
export interface LinkMeta {
  name: string;
  tabId?: number;
  frameId?: number;
  /** The sender's document (`sender.documentId`), where the browser gives one. */
  documentId?: string;
}

/**
 * Creates two connected in-memory link ends. Delivery is asynchronous (microtask), like
 * runtime ports, and messages are structured-cloned so no object is shared by reference. As
 * with a port, a message posted before a disconnect is still delivered (e.g. what a document
 * sends on `pagehide`); one posted after it is lost.
 */
export function createLinkPair<A, B>(meta: LinkMeta): [Link<B, A>, Link<A, B>] {
  type End = { handler?: (m: unknown) => void; onDisc?: () => void; closed: boolean };
  const ends: [End, End] = [{ closed: false }, { closed: false }];
  const make = <In, Out>(self: End, other: End): Link<In, Out> => ({
    meta,
    post(msg: Out): boolean {
      if (self.closed) return false;
      const copy = structuredClone(msg);
      queueMicrotask(() => other.handler?.(copy));
      return true;
    },
    onMessage(cb) {
      self.handler = cb as (m: unknown) => void;
    },
    onDisconnect(cb) {
      self.onDisc = cb;
    },
    disconnect() {
      if (self.closed) return;
      self.closed = true;
      other.closed = true;
      queueMicrotask(() => other.onDisc?.());
    },
  });
  return [make<B, A>(ends[0], ends[1]), make<A, B>(ends[1], ends[0])];
}
