/**
 * Follows the DevTools theme: `devtools.panels.themeName` is "dark" or "default" in Chrome
 * and Firefox; outside DevTools (viewer) the OS preference decides.
 */
import browser from 'webextension-polyfill';

/** Sets `data-theme="dark" | "light"` on the root element and follows later changes. */
export function applyTheme(): void {
  const set = (dark: boolean): void => document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
  let name: string | undefined;
  try {
    name = browser.devtools?.panels?.themeName;
  } catch {
    name = undefined;
  }
  if (name) {
    set(name === 'dark');
    const panels = browser.devtools.panels as unknown as { onThemeChanged?: { addListener(cb: (n: string) => void): void } };
    panels.onThemeChanged?.addListener((n) => set(n === 'dark'));
    // Chrome reports theme changes through setThemeChangeHandler (Firefox: onThemeChanged).
    const chromePanels = (globalThis as unknown as { chrome?: { devtools?: { panels?: { setThemeChangeHandler?: (cb: (n: string) => void) => void } } } }).chrome?.devtools?.panels;
    try {
      chromePanels?.setThemeChangeHandler?.((n) => set(n === 'dark'));
    } catch {
      // older Chrome: the theme applies when DevTools reopens
    }
    return;
  }
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  set(mq.matches);
  mq.addEventListener('change', (e) => set(e.matches));
}
