/**
 * Loads the browser driver `record` needs, only when it runs: playwright-core for Chromium,
 * puppeteer-core for Firefox. Both are optional dependencies of the package
 * (docs/design.md#package-and-playwright-fixture), so `check` and `view` work without them and a
 * missing one is reported in one line.
 */
import type * as ChromiumModule from './chromium';
import type * as FirefoxModule from './firefox';

/** The npm package each browser is driven with. */
export const DRIVER_PACKAGE = { chromium: 'playwright-core', firefox: 'puppeteer-core' } as const;

/** Thrown when a browser's driver package is not installed; the message is the one line to print. */
export class DriverMissingError extends Error {
  override readonly name = 'DriverMissingError';
}

/** True when `e` is Node's "module not found" for the package `pkg` (not for one of its own files). */
export function isMissingPackage(e: unknown, pkg: string): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || (err.code !== 'ERR_MODULE_NOT_FOUND' && err.code !== 'MODULE_NOT_FOUND')) return false;
  return typeof err.message === 'string' && (err.message.includes(`'${pkg}'`) || err.message.includes(`"${pkg}"`));
}

/** The one line printed when `browser`'s driver is missing. */
export function driverMissingLine(browser: 'chromium' | 'firefox'): string {
  const pkg = DRIVER_PACKAGE[browser];
  return `wavetrace record --browser ${browser} needs the optional dependency ${pkg}: install it next to wavetrace (npm install ${pkg})`;
}

async function load<T>(browser: 'chromium' | 'firefox', importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (e) {
    if (isMissingPackage(e, DRIVER_PACKAGE[browser])) throw new DriverMissingError(driverMissingLine(browser));
    throw e;
  }
}

/**
 * The Chromium launcher module (imports playwright-core).
 * @throws DriverMissingError when playwright-core is not installed
 */
export function loadChromium(): Promise<typeof ChromiumModule> {
  return load('chromium', () => import('./chromium'));
}

/**
 * The Firefox launcher module (imports puppeteer-core).
 * @throws DriverMissingError when puppeteer-core is not installed
 */
export function loadFirefox(): Promise<typeof FirefoxModule> {
  return load('firefox', () => import('./firefox'));
}
