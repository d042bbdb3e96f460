/**
 * `npm run demo -- --own-protocol`: the same Chromium with Wavetrace open in DevTools, on a chat
 * app with its own protocol (`{"seq": N, "msg": …}` frames, `{"op":"hb"}` heartbeats answered by
 * `{"op":"hb_ack"}`, a `GET /api/history?after=N` catch-up) that no preset knows and for which no
 * profile is written anywhere. Its client is dropped twice: it catches up after the first drop and
 * skips its catch-up after the second. The panel learns the profile from the capture, says so in
 * the toolbar and the header (with each learned part's confidence), and flags `sync-skipped`.
 * Headless, it writes `wavetrace-demo-own-protocol.png` (the panel, profile menu open) and
 * `own-protocol.wavetrace.json` (the learned profile inline) to the output folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium, openWavetracePanel, waitFor } from '../src/cli/browser/chromium';
import { APP_PROTOCOLS, startApp } from '../test/e2e/lib/app-protocols';

/** Options of {@link runOwnProtocolDemo}. */
export interface OwnProtocolDemoOptions {
  headless: boolean;
  /** Output folder (headless only). */
  outDir: string;
  say: (line: string) => void;
}

/** Runs the own-protocol demo (see the module comment); resolves when done (headless) or on Ctrl-C. */
export async function runOwnProtocolDemo({ headless, outDir, say }: OwnProtocolDemoOptions): Promise<void> {
  const app = await startApp(APP_PROTOCOLS.find((p) => p.name === 'chat-seq')!);
  const browser = await launchChromium({ devtools: true, headless, width: 1280, height: 800 });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    say(`own-protocol chat app: ${app.url} (no preset matches it; no profile is written)`);
    await page.goto(app.url);
    const panel = await openWavetracePanel(browser, app.url);
    await panel.dock('undocked').catch(() => undefined);
    say('the client is dropped twice: it catches up after the first drop, skips its catch-up after the second');
    await waitFor(
      () => panel.panel.evaluate<boolean>(`(() => { const f = document.querySelector('.finding[data-code="sync-skipped"]'); if (!f) return false; f.click(); return true; })()`),
      'the sync-skipped finding in the panel',
      40000,
    );
    const label = await panel.panel.evaluate<string>(`document.querySelector('[data-testid="profile-menu"]')?.getAttribute('aria-label') ?? ''`);
    say(`panel: ${label}; sync-skipped flagged`);
    if (!headless) {
      say('Wavetrace is open in DevTools: open the profile menu to keep, edit or export the learned profile. Ctrl-C stops.');
      await new Promise<void>((r) => process.once('SIGINT', () => r()));
      return;
    }
    await panel.panel.evaluate(`document.querySelector('[data-testid="profile-menu"]').click()`);
    await waitFor(() => panel.panel.evaluate<boolean>(`!!document.querySelector('[role=menu]')`), 'the profile menu', 5000);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/wavetrace-demo-own-protocol.png`, await panel.screenshot());
    const trace = await panel.panel.evaluate<string>(`globalThis.wavetrace.exportTrace({ page: ${JSON.stringify(app.url)} })`);
    writeFileSync(`${outDir}/own-protocol.wavetrace.json`, trace);
    say(`wrote ${outDir}/wavetrace-demo-own-protocol.png and ${outDir}/own-protocol.wavetrace.json`);
    say(`next: npx wavetrace check ${outDir}/own-protocol.wavetrace.json   (judged with the learned profile it carries)`);
    panel.close();
  } finally {
    await browser.close().catch(() => undefined);
    await app.close();
  }
}
