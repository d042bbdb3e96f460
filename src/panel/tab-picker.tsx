/**
 * Shown when the panel page is opened outside DevTools (e.g. as a tab): lists the tabs whose
 * pages Wavetrace is hooked into and opens the panel for one of them (`?tabId=N`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { CapturedTab } from '../core/bridge/messages';
import { redactUrl } from '../core/redact';

/** Props: a function that asks the hub for the captured tabs. */
export function TabPicker({ listTabs }: { listTabs: () => Promise<CapturedTab[]> }) {
  const [tabs, setTabs] = useState<CapturedTab[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const tick = (): void => {
      void listTabs().then((t) => live && setTabs(t)).catch(() => live && setTabs([]));
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, []);
  return (
    <div class="empty-state tab-picker">
      <h2>Wavetrace outside DevTools</h2>
      <p>Pick the tab to inspect. For the usual workflow, open DevTools (F12) on the page and choose the Wavetrace panel.</p>
      {tabs === undefined ? (
        <p class="muted">Looking for tabs…</p>
      ) : tabs.length === 0 ? (
        <p class="muted">No hooked tab yet: open or reload a web page.</p>
      ) : (
        <ul>
          {tabs.map((t) => (
            <li key={t.tabId}>
              <a href={`?tabId=${t.tabId}`} data-tab-id={t.tabId}>{redactUrl(t.url) || `tab ${t.tabId}`}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
