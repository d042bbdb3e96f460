/** The optional browser drivers of `record` and where the CLI finds its package. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriverMissingError, driverMissingLine, isMissingPackage, loadChromium } from '../../../src/cli/browser/load-driver';
import { isCheckout, packageRoot } from '../../../src/cli/package-root';

describe('load-driver', () => {
  it('recognises Node\'s "package not found" for the driver only', async () => {
    const missing = await import('playwright-core-not-installed' as string).catch((e: unknown) => e);
    expect(isMissingPackage(missing, 'playwright-core-not-installed')).toBe(true);
    expect(isMissingPackage(missing, 'playwright-core')).toBe(false);
    expect(isMissingPackage(new Error("Cannot find package 'playwright-core'"), 'playwright-core')).toBe(false); // no code: another failure
    expect(isMissingPackage({ code: 'ERR_MODULE_NOT_FOUND', message: "Cannot find package 'playwright-core' imported from /x/dist/cli/chunks/chromium.js" }, 'playwright-core')).toBe(true);
  });

  it('says which package to install, in one line', () => {
    expect(driverMissingLine('firefox')).toBe('wavetrace record --browser firefox needs the optional dependency puppeteer-core: install it next to wavetrace (npm install puppeteer-core)');
    expect(new DriverMissingError('x')).toBeInstanceOf(Error);
  });

  it('loads the Chromium launcher when playwright-core is installed', async () => {
    expect(typeof (await loadChromium()).launchChromium).toBe('function');
  });
});

describe('package-root', () => {
  it('finds the checkout from src/cli, and says it is one', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
    expect(packageRoot()).toBe(root);
    expect(isCheckout(root)).toBe(true);
  });

  it('finds an installed package from its dist/cli/chunks, which is not a checkout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wavetrace-root-'));
    const pkg = join(dir, 'node_modules/wavetrace');
    mkdirSync(join(pkg, 'dist/cli/chunks'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app' }));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'wavetrace' }));
    expect(packageRoot(join(pkg, 'dist/cli/chunks'))).toBe(pkg);
    expect(isCheckout(pkg)).toBe(false);
    expect(() => packageRoot(dir)).toThrow(/cannot find the wavetrace package above/);
  });
});
