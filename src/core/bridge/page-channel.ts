/**
 * The private channel between the page hook (MAIN world) and the relay (ISOLATED world).
 *
 * Both sides run at document_start, before any page script. They meet once on a fixed
 * handshake event name; the hook announces a per-document random channel name, and from then
 * on messages travel as JSON strings in CustomEvents named `<channel>:up` (hook → relay) and
 * `<channel>:down` (relay → hook) dispatched on `window`. Nothing is posted to the page's
 * `message` listeners and no global is added (docs/design.md#invisibility-rules). Whichever side starts first waits
 * for the other's announcement, so script order between the two worlds does not matter.
 */

/** The fixed event name used only for the document_start handshake. */
export const HANDSHAKE_EVENT = 'wavetrace-handshake';

/** What the hook announces in the handshake. */
export interface HookAnnouncement {
  role: 'hook';
  channel: string;
  src: string;
  frameUrl: string;
  top: boolean;
}

/** The relay's announcement: it is ready to hear the hook's. */
export interface RelayAnnouncement {
  role: 'relay';
}

/** Event names of a channel. */
export function channelEvents(channel: string): { up: string; down: string } {
  return { up: `${channel}:up`, down: `${channel}:down` };
}

/** Parses a handshake event's detail; undefined for anything malformed. */
export function parseAnnouncement(detail: unknown): HookAnnouncement | RelayAnnouncement | undefined {
  if (typeof detail !== 'string' || detail.length > 4096) return undefined;
  try {
    const v = JSON.parse(detail) as Omit<Partial<HookAnnouncement>, 'role'> & { role?: string };
    if (v.role === 'relay') return { role: 'relay' };
    if (v.role === 'hook' && typeof v.channel === 'string' && /^wt[0-9a-f]{16,}$/.test(v.channel) && typeof v.src === 'string') {
      return { role: 'hook', channel: v.channel, src: v.src, frameUrl: String(v.frameUrl ?? ''), top: v.top === true };
    }
  } catch {
    // ignore malformed handshakes
  }
  return undefined;
}
