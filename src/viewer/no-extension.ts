/**
 * Stand-in for webextension-polyfill in the standalone viewer (no extension APIs there): an
 * empty `browser` object, so code that probes `browser.devtools` or `browser.storage` finds
 * nothing and falls back (OS colour scheme, in-memory settings).
 */
import type { Browser } from 'webextension-polyfill';

const browser = {} as Browser;
export default browser;
