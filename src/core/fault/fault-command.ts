/**
 * A fault command: what the panel, the CLI or a test asks the page hook to do to the page's
 * sockets (docs/design.md#fault-commands). The hook records each one it applies as a `fault`
 * event with the same fields (docs/design.md#fault-events-and-flags).
 */
import type { ConnId, EventBase, FaultEvent, FaultKind, FaultOrigin } from '../events';
import { FAULT_KINDS } from '../events';
import { utf8ByteLength } from '../har/base64';

/**
 * One command. Fields by kind: `drop` {conn}; `close` {conn, code 1000–4999 but not 1005, 1006
 * or 1015, reason};
 * `freeze` {conn, ms?} (ms: thaw after, absent = until thawed); `thaw` {conn} or {endpoint}
 * (ends a freeze or a refuse); `refuse` {endpoint, ms} (URL prefix, how long); `fail-sync`
 * {count, status} (HTTP status 200–599, or "network"); `skip` {conn, count}.
 */
export type FaultCommand = Omit<FaultEvent, keyof EventBase | 'type'>;

const isInt = (x: unknown, lo: number, hi: number): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= lo && x <= hi;
const isConn = (x: unknown): boolean => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/** Longest reason a close frame can carry: 123 bytes of UTF-8 (RFC 6455 §5.5: 125-byte control payload minus the 2-byte code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Close codes a close frame never carries (RFC 6455 §7.4.1: 1005 No Status Received, 1006
 * Abnormal Closure and 1015 TLS Handshake only report what happened to the endpoint that saw
 * it), so a `close` fault with one would show the page something no server can send
 * (`wasClean: true` with 1006). An abnormal closure is the `drop` fault.
 */
export const UNSENDABLE_CLOSE_CODES: readonly number[] = [1005, 1006, 1015];

/** Their RFC 6455 names (kept here: this module ships in the page hook, which imports no close-code table). */
const UNSENDABLE_NAMES: Readonly<Record<number, string>> = { 1005: 'No Status Received', 1006: 'Abnormal Closure', 1015: 'TLS Handshake' };

/** Why a `close` fault cannot use `code` (one line), or undefined when a server could send it: see {@link UNSENDABLE_CLOSE_CODES}. */
export function unsendableCloseCodeError(code: number): string | undefined {
  if (!UNSENDABLE_CLOSE_CODES.includes(code)) return undefined;
  const name = UNSENDABLE_NAMES[code] ?? '';
  const hint = code === 1006 ? ': use drop for a connection that ends without a close frame' : '';
  return `close code ${code} (${name}) is never sent in a close frame (RFC 6455 §7.4.1)${hint}`;
}

/** Why `x` is not a valid {@link FaultCommand} (one line), or undefined when it is. */
export function faultCommandError(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return 'a fault command is an object';
  const c = x as Record<string, unknown>;
  if (typeof c.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(c.kind)) return `unknown fault kind ${JSON.stringify(c.kind)} (drop, close, freeze, thaw, refuse, fail-sync, skip)`;
  if (c.origin !== 'panel' && c.origin !== 'cli' && c.origin !== 'test') return 'origin must be panel, cli or test';
  const needConn = c.kind === 'drop' || c.kind === 'close' || c.kind === 'freeze' || c.kind === 'skip';
  if (needConn && !isConn(c.conn)) return `${c.kind} needs a connection`;
  if (c.kind === 'close') {
    if (!isInt(c.code, 1000, 4999)) return 'close needs a code from 1000 to 4999';
    const unsendable = unsendableCloseCodeError(c.code as number);
    if (unsendable) return unsendable;
    if (c.reason !== undefined && (typeof c.reason !== 'string' || utf8ByteLength(c.reason) > MAX_CLOSE_REASON_BYTES)) return `a close reason is text of at most ${MAX_CLOSE_REASON_BYTES} bytes`;
  }
  if ((c.kind === 'freeze' || c.kind === 'refuse') && c.ms !== undefined && !isInt(c.ms, 1, 86_400_000)) return `${c.kind} ms must be a whole number of milliseconds from 1 to 86400000`;
  if (c.kind === 'refuse' && (typeof c.endpoint !== 'string' || !/^wss?:\/\//i.test(c.endpoint))) return 'refuse needs an endpoint (a ws:// or wss:// URL prefix)';
  if (c.kind === 'refuse' && c.ms === undefined) return 'refuse needs ms (how long)';
  if (c.kind === 'thaw' && !isConn(c.conn) && typeof c.endpoint !== 'string') return 'thaw needs a connection or an endpoint';
  if ((c.kind === 'skip' || c.kind === 'fail-sync') && !isInt(c.count, 1, 1_000_000)) return `${c.kind} needs a count from 1 to 1000000`;
  if (c.kind === 'fail-sync' && c.status !== 'network' && !isInt(c.status, 200, 599)) return 'fail-sync needs an HTTP status from 200 to 599, or "network"';
  return undefined;
}
