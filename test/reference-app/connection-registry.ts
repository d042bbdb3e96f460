/**
 * The set of open stream connections, indexed by token.
 *
 * ScaiWave rule (4003 `reason = "duplicate_connection"`): "another client signed in with the same
 * token; the older one is closed." {@link ConnectionRegistry.add} closes the connection that
 * already holds the token, if it is still open, before registering the new one.
 */
import type { ConnectionInfo, StreamConnection } from './stream-connection';
import { CLOSE_SERVER_ABORT, REASON_DUPLICATE_CONNECTION, type EventFrame } from './wire-types';

export class ConnectionRegistry {
  private readonly byId = new Map<number, StreamConnection>();
  private readonly byToken = new Map<string, StreamConnection>();

  /** Registers `conn`; an older open connection with the same token gets 4003 duplicate_connection. */
  add(conn: StreamConnection): void {
    const older = this.byToken.get(conn.token);
    if (older && older !== conn) older.close(CLOSE_SERVER_ABORT, REASON_DUPLICATE_CONNECTION);
    this.byId.set(conn.id, conn);
    this.byToken.set(conn.token, conn);
  }

  /** Forgets `conn` (called when its socket has closed). */
  remove(conn: StreamConnection): void {
    this.byId.delete(conn.id);
    if (this.byToken.get(conn.token) === conn) this.byToken.delete(conn.token);
  }

  /** Sends `frames` to every open connection of `tenant`. */
  broadcast(tenant: string, frames: readonly EventFrame[]): void {
    for (const conn of this.byId.values()) {
      if (conn.tenant !== tenant) continue;
      for (const frame of frames) conn.sendEvent(frame);
    }
  }

  /** Connections whose socket is still open, oldest first. */
  open(): StreamConnection[] {
    return [...this.byId.values()].filter((c) => c.isOpen);
  }

  list(): ConnectionInfo[] {
    return this.open().map((c) => c.info());
  }
}
