/**
 * Page events of the top-level document (docs/design.md#event-types): `page-navigation` when the document
 * starts, `page-visibility` on visibilitychange (and at start when the tab starts hidden),
 * `page-online` on online/offline. Listeners are added with the captured natives at
 * document_start; they only read state and never stop or alter an event.
 */
import type { HookContext } from './hook-context';
import type { Natives } from './natives';

/** Records the navigation and starts listening. `url`: the document's URL. */
export function installPageEvents(win: Window & typeof globalThis, rn: Natives, ctx: HookContext, url: string): void {
  const { n, rec, guard } = ctx;
  rec.record({ t: rec.now(), type: 'page-navigation', url });
  const doc = win.document;
  const vis = rn.visibilityState;
  const state = (): 'visible' | 'hidden' => (vis && doc && (n.apply(vis, doc, []) as string) === 'hidden' ? 'hidden' : 'visible');
  if (vis && doc) {
    if (state() === 'hidden') rec.record({ t: rec.now(), type: 'page-visibility', state: 'hidden' });
    n.apply(rn.addEventListener, doc, ['visibilitychange', () => guard(() => rec.record({ t: rec.now(), type: 'page-visibility', state: state() }))]);
  }
  n.apply(rn.addEventListener, win, ['online', () => guard(() => rec.record({ t: rec.now(), type: 'page-online', online: true }))]);
  n.apply(rn.addEventListener, win, ['offline', () => guard(() => rec.record({ t: rec.now(), type: 'page-online', online: false }))]);
}
