/**
 * The fault banner: while a fault is in force (a freeze, a refuse, a fail-sync or skip still
 * armed) one line per fault says what, where and, for timed ones, how long is left, with a
 * *Thaw* (freeze) or *Stop* button that sends the ending `thaw` (docs/design.md#fault-commands).
 * What is in force comes from the recorded events (core/view/fault-track.ts), so a reloaded
 * panel shows the same; a line disappears when its fault ends (thaw, time out, socket closed).
 * The countdown ticks once a second while a timed fault is shown.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { activeFaultText, endCommand } from '../core/view/break-choices';
import { connLabel, faultNow, faultTrackOf, sendFault } from './fault-actions';

/** Props: the store. */
export function FaultBanner({ store }: { store: PanelStore }) {
  void store.version.value;
  const [, tick] = useState(0);
  const now = faultNow(store);
  const active = faultTrackOf(store).active(now);
  const timed = active.some((a) => a.untilT !== undefined);
  useEffect(() => {
    if (!timed) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [timed]);
  if (active.length === 0) return null;
  const live = store.live.value && !!store.requestFault;
  const syncPath = store.profile.value.profile.sync?.urlPath;
  return (
    <div class="fault-banner" role="status" aria-label="Faults in force" data-testid="fault-banner">
      {active.map((a) => {
        const cmd = endCommand(a, syncPath);
        return (
          <div class="fault-line" key={a.fault.seq}>
            <span class="fault-glyph" aria-hidden="true">⚡</span>
            <span class="fault-text">{activeFaultText(a, now, (c) => connLabel(store, c))}</span>
            <span class="muted small"> · by the {a.fault.origin}</span>
            {live && cmd && (
              <button type="button" onClick={() => sendFault(store, cmd)} title={a.kind === 'freeze' ? 'End the freeze: frames flow again' : 'End this fault now'}>
                {a.kind === 'freeze' ? 'Thaw' : 'Stop'}
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
