/**
 * What the panel's *Break* menu offers and says, as data (docs/design.md#panel-and-viewer,
 * "Break menu"): the close codes a server can send, why an item is disabled, how a fault in
 * force reads in the banner, and the commands built from the menu's fields
 * (docs/design.md#fault-commands). The panel renders these; nothing here touches the DOM.
 */
import type { ConnId } from '../events';
import { STANDARD_CLOSE_CODES } from '../close-codes';
import type { Profile } from '../profile/types';
import { faultCommandError, type FaultCommand } from '../fault/fault-command';
import { formatDuration } from '../format';
import type { ActiveFault } from './fault-track';

/** One close the menu offers: code, its name, the reason to send ('' = none) and where the code comes from. */
export interface CloseChoice {
  code: number;
  name: string;
  reason: string;
  source: string;
}

/**
 * Codes a server can put in a close frame (RFC 6455 §7.4.1; 1005, 1006 and 1015 are never
 * sent on the wire, 1010 only by a client) and the IANA registry's 1012–1014.
 */
export const SERVER_CLOSE_CODES: readonly number[] = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013, 1014];

/**
 * The close list: the profile's own codes first (one entry per known reason, e.g. scaiwave
 * 4003 "ping_timeout" and "duplicate_connection", then the code without a reason), then
 * {@link SERVER_CLOSE_CODES} with their RFC/IANA names.
 */
export function closeChoices(profile: Profile): CloseChoice[] {
  const out: CloseChoice[] = [];
  const own = profile.closeCodes ?? {};
  for (const key of Object.keys(own).sort((a, b) => Number(a) - Number(b))) {
    const code = Number(key);
    const entry = own[key]!;
    if (!Number.isInteger(code) || code < 1000 || code > 4999 || code === 1005 || code === 1006 || code === 1015) continue;
    for (const reason of Object.keys(entry.reasons ?? {})) out.push({ code, name: entry.name, reason, source: profile.name });
    out.push({ code, name: entry.name, reason: '', source: profile.name });
  }
  for (const code of SERVER_CLOSE_CODES) {
    if (own[String(code)]) continue;
    const s = STANDARD_CLOSE_CODES[code]!;
    out.push({ code, name: s.name, reason: '', source: s.source });
  }
  return out;
}

/** Why the Break menu (or its connection items) cannot act, or '' when it can. */
export function breakUnavailable(o: { live: boolean; conn?: ConnId | undefined; status?: string | undefined }): string {
  if (!o.live) return 'No live tab: this is a recording, there is nothing to break';
  if (o.conn === undefined) return 'No open connection to break';
  if (o.status === 'closed' || o.status === 'gone') return 'This connection is closed';
  return '';
}

/** Why fail-sync is disabled under this profile ('' when it is available): the hook fails only requests to the profile's sync endpoint. */
export function failSyncUnavailable(profile: Profile): string {
  return profile.sync?.urlPath ? '' : `The profile ${profile.name} has no sync endpoint (sync.urlPath), so there is no sync request to fail`;
}

/** The endpoint a refuse names for a socket URL: scheme, host and path, without the query (`ws://h:1/v1/stream`). */
export function endpointOf(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Reads a whole number typed into a menu field: the number, or a one-line error. Empty text
 * gives `fallback` (undefined = required).
 */
export function parseWhole(text: string, what: string, lo: number, hi: number, fallback?: number): number | string {
  const s = text.trim();
  if (s === '') return fallback ?? `${what}: enter a whole number from ${lo} to ${hi}`;
  if (!/^\d+$/.test(s)) return `${what}: "${s}" is not a whole number`;
  const n = Number(s);
  return n < lo || n > hi ? `${what}: ${n} is not from ${lo} to ${hi}` : n;
}

/** A command from the menu, checked: the command, or the one-line reason it is invalid (`faultCommandError`). */
export function checkedCommand(cmd: FaultCommand): FaultCommand | string {
  return faultCommandError(cmd) ?? cmd;
}

/** The banner's line for a fault in force: what, where and, for timed ones, the time left at `now` (ms since the epoch). */
export function activeFaultText(a: ActiveFault, now: number, label: (conn: ConnId) => string): string {
  const left = a.untilT !== undefined ? ` — ${formatDuration(Math.max(0, a.untilT - now))} left` : '';
  switch (a.kind) {
    case 'freeze':
      return `${label(a.conn!)} frozen (half-open: nothing arrives, sends go nowhere)${a.untilT !== undefined ? left : ' until thawed'}`;
    case 'skip':
      return `${label(a.conn!)}: the next ${a.left} inbound frame${a.left === 1 ? '' : 's'} will be kept from the page`;
    case 'refuse':
      return `New connections to ${a.endpoint} are refused${left}`;
    case 'fail-sync': {
      const st = a.fault.status === 'network' ? 'a network error' : `HTTP ${a.fault.status ?? 503}`;
      return `The next ${a.left} sync request${a.left === 1 ? '' : 's'} will fail with ${st}`;
    }
  }
}

/** The command that ends a fault in force (the banner's Thaw / Stop), given the profile's sync path for fail-sync. */
export function endCommand(a: ActiveFault, syncPath: string | undefined): FaultCommand | undefined {
  if (a.kind === 'freeze' || a.kind === 'skip') return { kind: 'thaw', conn: a.conn!, origin: 'panel' };
  if (a.kind === 'refuse') return { kind: 'thaw', endpoint: a.endpoint!, origin: 'panel' };
  return { kind: 'thaw', endpoint: syncPath ?? '/', origin: 'panel' };
}
