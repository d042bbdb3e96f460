/**
 * Large frames (docs/design.md#previews-and-binary-data), shared by Chromium and Firefox: a 50 MiB text frame and a 20 MiB binary
 * frame reach the page unchanged, and the capture holds their true sizes with 64 KiB previews.
 */
import { expect } from 'vitest';
import { waitFor } from './chromium';
import { checksum, largeBinary, largeText, LARGE_BINARY_BYTES, LARGE_TEXT_BYTES } from './probe-server';
import { foldBatches, type HubTap } from './hub-tap';

/** Runs the page's `large()` probe against `${wsUrl}/large` and checks page and capture. */
export async function checkLargeFrames(page: { evaluate(js: string): Promise<unknown> }, tap: HubTap, tabId: number, wsUrl: string): Promise<void> {
  const got = (await page.evaluate(`window.large(${JSON.stringify(`${wsUrl}/large`)})`)) as { text: unknown; binary: unknown };
  expect(got.text).toEqual(checksum(largeText()));
  expect(got.binary).toEqual(checksum(largeBinary()));
  const st = await waitFor(async () => {
    const s = foldBatches(await tap.batches(), tabId);
    return s.events.filter((e) => e.type === 'ws-message').length >= 2 ? s : undefined;
  }, 'the large frames in the capture', 30000);
  const msgs = st.events.filter((e): e is Extract<typeof e, { type: 'ws-message' }> => e.type === 'ws-message');
  expect(msgs.map((m) => [m.opcode, m.size, m.truncated, m.encoding])).toEqual([
    [1, LARGE_TEXT_BYTES, true, 'text'],
    [2, LARGE_BINARY_BYTES, true, 'base64'],
  ]);
  expect(msgs[0]!.data).toBe(largeText().slice(0, 64 * 1024));
  expect(Buffer.from(msgs[1]!.data, 'base64').equals(largeBinary().subarray(0, 64 * 1024))).toBe(true);
}
