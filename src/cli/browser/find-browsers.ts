/**
 * Finds the system browsers Wavetrace drives. Never downloads one.
 */
import { existsSync } from 'node:fs';

/**
 * Path of a Chromium-family browser: `CHROME_PATH` (which must exist when set), then the usual
 * install locations.
 * @throws Error with one clear line when none is found
 */
export function findChromium(): string {
  const env = process.env.CHROME_PATH;
  if (env && !existsSync(env)) throw new Error(`CHROME_PATH=${env} does not exist`);
  const candidates = [env, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('no Chromium found: install it (Debian: apt-get install chromium) or set CHROME_PATH');
}

/**
 * Path of Firefox: `FIREFOX_PATH` (which must exist when set), then the usual install locations.
 * @throws Error with one clear line when none is found
 */
export function findFirefox(): string {
  const env = process.env.FIREFOX_PATH;
  if (env && !existsSync(env)) throw new Error(`FIREFOX_PATH=${env} does not exist`);
  const candidates = [env, '/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('no Firefox found: install it (Debian: apt-get install firefox-esr) or set FIREFOX_PATH');
}

/** Chromium flags that keep a headless run quiet on a machine without outside network. */
export const CHROMIUM_QUIET_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
