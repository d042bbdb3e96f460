/**
 * Polling helper for the browser drivers (no driver import, so `record` can say which driver is
 * missing before loading one).
 */

/**
 * Calls `fn` every 100 ms until it returns a truthy value (returned) or `timeoutMs` passed.
 * @throws Error "timed out waiting for <what> (last: …)" with the last value or the first line of the last error
 */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${(last instanceof Error ? last.message : String(JSON.stringify(last))).split('\n')[0]})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
