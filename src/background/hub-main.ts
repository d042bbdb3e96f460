/**
 * Background entry (MV3 service worker in Chrome, event page in Firefox): wires runtime ports
 * to the {@link Hub}. Ports named "relay" come from content scripts, "panel" from DevTools.
 */
import browser from 'webextension-polyfill';
import { Hub } from './hub';
import { PORT_PANEL, PORT_RELAY } from '../core/bridge/messages';
import { portLink } from '../core/bridge/port-link';

const hub = new Hub({
  openerOf: async (tabId) => {
    const tab = await browser.tabs.get(tabId);
    return typeof tab.openerTabId === 'number' ? tab.openerTabId : undefined;
  },
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PORT_RELAY) hub.addRelay(portLink(port));
  else if (port.name === PORT_PANEL) hub.addPanel(portLink(port));
  else port.disconnect();
});
