/**
 * The DevTools page: creates the "Wavetrace" panel. Nothing else runs here.
 */
import browser from 'webextension-polyfill';

/** Title of the panel tab in DevTools (tests show it by this name). */
export const PANEL_TITLE = 'Wavetrace';

void browser.devtools.panels.create(PANEL_TITLE, '/icons/icon-32.png', '/src/panel/panel.html');
