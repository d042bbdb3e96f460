/**
 * Terminates Wavetrace's background (event) page in a running Firefox, as about:debugging's
 * "Terminate background script" does: ports to it disconnect, and it starts again on the next
 * `runtime.connect`. Evaluated in the browser's privileged scope over WebDriver BiDi (Firefox
 * is launched with `--remote-allow-system-access`, see src/cli/browser/firefox.ts).
 */
import type { FirefoxWithExtension } from './firefox';
import { geckoId as GECKO_ID } from '../../../src/gecko-id.json';

interface BidiSend {
  send(method: string, params: Record<string, unknown>): Promise<unknown>;
}

/** Resolves true once the background page was terminated (false when the add-on is not found). */
export async function terminateBackground(ff: FirefoxWithExtension): Promise<boolean> {
  const connection = (ff.browser as unknown as { connection: BidiSend }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
  const context = tree.result.contexts[0]?.context;
  if (!context) throw new Error('no Firefox chrome window found over BiDi');
  const expression = `(async () => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
    if (!ext) return 'missing';
    await ext.terminateBackground();
    return 'terminated';
  })()`;
  const r = (await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true, resultOwnership: 'none' })) as {
    result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } };
  };
  if (r.result.type !== 'success') throw new Error(`terminateBackground failed: ${r.result.exceptionDetails?.text ?? 'unknown'}`);
  return r.result.result?.value === 'terminated';
}
