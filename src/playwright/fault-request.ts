/**
 * `wavetrace.fault(…)` of the Playwright fixture (docs/design.md#package-and-playwright-fixture):
 * turns what a test asks for — a fault kind, or a command with some fields — into a full fault
 * command (docs/design.md#fault-commands), aimed like `wavetrace record --fault` at the newest
 * open connection of the page when the test names none.
 */
import type { ConnId, FaultKind } from '../core/events';
import { FAULT_KINDS } from '../core/events';
import { faultCommandError, type FaultCommand } from '../core/fault/fault-command';
import type { CaptureState } from '../core/store/capture-state';

/**
 * What a test passes: a kind (`'drop'`), or a command whose `conn` (and for `refuse` its
 * `endpoint`) may be left out — then the newest open connection is meant; `origin` defaults to
 * `test`; `fail-sync` defaults to count 1, status 503; `skip` to count 1.
 */
export type FaultRequest = FaultKind | (Partial<Omit<FaultCommand, 'kind'>> & { kind: FaultKind });

/** The connection a fault aims at by default: the newest one still open (or connecting) in `state`, with its URL. */
export function newestOpenConnection(state: CaptureState): { conn: ConnId; url: string } | undefined {
  for (let i = state.connOrder.length - 1; i >= 0; i--) {
    const c = state.connections.get(state.connOrder[i]!);
    if (c && (c.status === 'open' || c.status === 'connecting')) return { conn: state.connOrder[i]!, url: c.url };
  }
  return undefined;
}

/**
 * The full command for `request`, with `target` ({@link newestOpenConnection}) filled in where
 * the request names no connection or endpoint.
 * @throws Error with one line (`wavetrace.fault: <why>`, the reason from `faultCommandError`)
 *   when the command is invalid or needs a connection and the page has no open one
 */
export function faultCommandFor(request: unknown, target: { conn: ConnId; url: string } | undefined): FaultCommand {
  const given: unknown = typeof request === 'string' ? { kind: request } : request;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error(`wavetrace.fault: ${faultCommandError(given) ?? 'a fault command is an object'}`);
  const cmd: Record<string, unknown> = { origin: 'test', ...given };
  const kind = (FAULT_KINDS as readonly unknown[]).includes(cmd.kind) ? (cmd.kind as FaultKind) : undefined;
  const needConn = kind === 'drop' || kind === 'close' || kind === 'freeze' || kind === 'skip' || (kind === 'thaw' && cmd.endpoint === undefined);
  if (needConn && cmd.conn === undefined) {
    if (!target) throw new Error(`wavetrace.fault: no open connection on the page for ${kind}`);
    cmd.conn = target.conn;
  }
  if (kind === 'refuse' && cmd.endpoint === undefined && target) cmd.endpoint = target.url.split(/[?#]/)[0] ?? target.url;
  if (kind === 'fail-sync') {
    cmd.count ??= 1;
    cmd.status ??= 503;
  }
  if (kind === 'skip') cmd.count ??= 1;
  const why = faultCommandError(cmd);
  if (why) throw new Error(`wavetrace.fault: ${why}`);
  return cmd as unknown as FaultCommand;
}
