/**
 * The standalone viewer (dist/wavetrace-viewer.html) in real Chromium without the extension,
 * for the viewer e2e files: open it, collect any dialog it shows (there must be none), and
 * import a file through its Import button.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './chromium';

/** Path of the built standalone viewer. */
export const VIEWER_FILE = join(new URL('../../../', import.meta.url).pathname, 'dist/wavetrace-viewer.html');

/** A browser with the viewer open in one page, and the texts of the dialogs it raised. */
export interface ViewerPage {
  b: ExtensionBrowser;
  page: Page;
  dialogs: string[];
}

/**
 * Launches Chromium without the extension and opens the viewer by file URL.
 * @throws when the viewer was not built (`npm run build`)
 */
export async function openViewer(): Promise<ViewerPage> {
  if (!existsSync(VIEWER_FILE)) throw new Error(`${VIEWER_FILE} is missing: run npm run build`);
  const b = await launchChromium({ extension: false });
  const page = await b.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`file://${VIEWER_FILE}`);
  return { b, page, dialogs };
}

/**
 * Opens `path` through the Import button and returns the notice line once reading ended
 * (without the notice's dismiss button "✕").
 * @param timeout ms to wait for the line
 */
export async function importFile(page: Page, path: string, timeout = 60000): Promise<string> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
  await chooser.setFiles(path);
  const line = await waitFor(async () => {
    const t = (await page.locator('[role=status]').first().textContent({ timeout: 500 }).catch(() => '')) ?? '';
    return t && !t.startsWith('reading ') ? t : undefined;
  }, `the viewer to read ${path}`, timeout);
  return line.replace(/✕$/, '');
}
