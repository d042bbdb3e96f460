/**
 * The self-contained report in real Chromium, opened by file:// as a double-click would, with
 * no extension: written by `wavetrace view` and by the standalone viewer's Export, it shows the
 * same timeline, findings and detail as the viewer, under the viewer's strict CSP (no violation,
 * no request leaves the page). A screenshot lands in artifacts/report.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';

const root = new URL('../../', import.meta.url).pathname;
const viewerFile = join(root, 'dist/wavetrace-viewer.html');
const fixture = join(root, 'test/fixtures/scenarios/reconnect-without-sync.wavetrace.json');
const dir = mkdtempSync(join(tmpdir(), 'wavetrace-report-'));

describe('self-contained report', () => {
  let b: ExtensionBrowser;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    expect(existsSync(viewerFile)).toBe(true);
    b = await launchChromium({ extension: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  /** Opens `file` by file:// in a fresh page, watching for CSP violations, errors and requests. */
  async function openFile(file: string): Promise<Page> {
    const page = await b.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    return page;
  }

  /** The report shows the trace: events loaded, the finding with its message, the timeline with the connections. */
  async function expectRendered(page: Page): Promise<void> {
    await waitFor(async () => (await page.locator('.findings').innerText()).includes('sync-skipped'), 'the sync-skipped finding', 30000);
    expect(await page.locator('.findings').innerText()).toContain('received stream_position 45 without GET /v1/sync?since=42');
    // The notice names the file the report was made from, not the redacted .gz it embeds.
    expect(await page.locator('[role=status]').first().textContent()).toMatch(/^reconnect-without-sync\.wavetrace\.json: \d+ events loaded/);
    expect(await page.getByRole('region', { name: 'Timeline' }).isVisible()).toBe(true);
    expect(await page.getByRole('listbox', { name: 'Connections' }).locator('[role=option]').count()).toBeGreaterThanOrEqual(2);
    // The detail of the finding's evidence opens from the list, as in the viewer.
    await page.locator('.findings').getByText('sync-skipped').first().click();
    // A report can never inject faults: no Break ▾.
    expect(await page.locator('.break-button').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  }

  it('wavetrace view --out writes one .html that opens with the timeline, findings and detail', async () => {
    const out = join(dir, 'view.html');
    rmSync(out, { force: true }); // a retry starts afresh: --out refuses an existing file
    const stdout = execFileSync(process.execPath, [join(root, 'bin/wavetrace.js'), 'view', fixture, '--out', out, '--no-open'], { encoding: 'utf8', timeout: 60000 });
    expect(stdout).toMatch(/^wrote .*view\.html \([\d.]+ KiB\): the viewer and reconnect-without-sync\.wavetrace\.json \(redacted, gzip\) in one file\n$/);
    const html = readFileSync(out, 'utf8');
    expect(/<script type="module">/.exec(html)).not.toBeNull();
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).toContain("connect-src 'none'");
    const page = await openFile(out);
    await expectRendered(page);
    mkdirSync(join(root, 'artifacts'), { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(root, 'artifacts/report.png') });
    await page.close();
  });

  it("the viewer's Export writes a report whose size it shows first, and that report opens the same", async () => {
    const viewer = await openFile(viewerFile);
    const [chooser] = await Promise.all([viewer.waitForEvent('filechooser'), viewer.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(fixture);
    await waitFor(async () => (await viewer.locator('.findings').innerText()).includes('sync-skipped'), 'the viewer to load the fixture');
    await viewer.getByRole('button', { name: 'Export' }).click();
    const dialog = viewer.getByRole('dialog');
    await dialog.getByLabel(/Self-contained report/).check();
    const size = await waitFor(async () => {
      const t = (await dialog.getByTestId('export-size').textContent()) ?? '';
      return t.startsWith('Size: ') ? t : undefined;
    }, 'the report size');
    expect(size).toMatch(/^Size: wavetrace-[\w.-]+\.wavetrace-report\.html: [\d.]+ KiB$/);
    const [download] = await Promise.all([viewer.waitForEvent('download'), dialog.getByRole('button', { name: 'Save' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.wavetrace-report\.html$/);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = readFileSync(saved).length;
    const shown = Number(/([\d.]+) KiB$/.exec(size)?.[1]);
    expect(Math.abs(bytes / 1024 - shown)).toBeLessThan(0.1);
    await viewer.close();
    const page = await openFile(saved);
    await waitFor(async () => (await page.locator('.findings').innerText()).includes('sync-skipped'), 'the exported report to show its finding', 30000);
    expect(await page.locator('.findings').innerText()).toContain('received stream_position 45 without GET /v1/sync?since=42');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
