/**
 * `wavetrace/playwright` (docs/design.md#package-and-playwright-fixture): Playwright's `test` and
 * `expect` with Wavetrace added. Every page of a test is recorded by the page hook (the same
 * script as the extension's, added as an init script: no extension needed); the fixture's relay
 * reads it from a Chromium isolated world the page cannot see.
 *
 * ```ts
 * import { test, expect } from 'wavetrace/playwright';
 * test('resumes after a drop', async ({ page, wavetrace }) => {
 *   await page.goto('/');
 *   await wavetrace.fault('drop'); // through the page hook, as the panel's fault commands
 *   await expect(wavetrace).toHaveNoFindings();
 * });
 * ```
 *
 * A failed test gets the trace attached to its report as `wavetrace.wavetrace.json` (redacted;
 * further pages as `wavetrace-2.wavetrace.json` …), which opens in the viewer and in
 * `wavetrace check`.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect as baseExpect, type Expect, type PlaywrightTestArgs, type PlaywrightTestOptions, type PlaywrightWorkerArgs, type PlaywrightWorkerOptions, type TestType } from '@playwright/test';
import { missingBuildHint, packageRoot } from '../cli/package-root';
import { serializeTrace } from '../core/trace/serialize-trace';
import { atLeast, checkedSeverity, Recording, type FindingsFilter, type Wavetrace, type WavetraceOptions } from './recording';
import { describeFindings } from './describe-findings';
import { resolveFixtureProfile } from './fixture-profile';

export type { FaultOptions, FindingsFilter, Wavetrace, WavetraceOptions } from './recording';
export type { FaultRequest } from './fault-request';
export type { FaultCommand } from '../core/fault/fault-command';
export type { Finding, Severity } from '../core/analysis/types';
export type { Trace } from '../core/trace/trace-format';
export type { Profile } from '../core/profile/types';

let sources: { hook: string; relay: string } | undefined;

/** The built classic scripts (dist/playwright/hook.js and relay.js), read once. */
function scripts(): { hook: string; relay: string } {
  if (!sources) {
    const dir = join(packageRoot(), 'dist/playwright');
    try {
      sources = { hook: readFileSync(join(dir, 'hook.js'), 'utf8'), relay: readFileSync(join(dir, 'relay.js'), 'utf8') };
    } catch {
      throw new Error(`wavetrace: ${dir}/hook.js is missing (${missingBuildHint()})`);
    }
  }
  return sources;
}

/** A `wavetrace` that says, on use, why nothing was recorded. */
function unavailable(browserName: string): Wavetrace {
  const fail = (): never => {
    throw new Error(`wavetrace/playwright records in Chromium only (it reads the page through CDP); this project runs ${browserName}`);
  };
  return { trace: async () => fail(), findings: async () => fail(), fault: async () => fail() };
}

/** Playwright's `test` with the `wavetrace` fixture (automatic: every test records) and its `wavetraceOptions`. */
export const test: TestType<PlaywrightTestArgs & PlaywrightTestOptions & { wavetrace: Wavetrace; wavetraceOptions: WavetraceOptions }, PlaywrightWorkerArgs & PlaywrightWorkerOptions> = base.extend<{ wavetrace: Wavetrace; wavetraceOptions: WavetraceOptions }>({
  wavetraceOptions: [{}, { option: true }],
  wavetrace: [
    async ({ context, page, browserName, wavetraceOptions }, use, testInfo) => {
      // A misspelt or invalid profile fails here, before the test body runs (fixture-profile.ts).
      const profile = resolveFixtureProfile(wavetraceOptions.profile);
      if (browserName !== 'chromium') {
        await use(unavailable(browserName));
        return;
      }
      const recording = await Recording.start(context, page, scripts(), wavetraceOptions, profile);
      await use(recording);
      const failed = testInfo.status !== 'passed' && testInfo.status !== 'skipped';
      if (failed) {
        const traces = await recording.reportTraces();
        for (let i = 0; i < traces.length; i++) {
          const name = i === 0 ? 'wavetrace.wavetrace.json' : `wavetrace-${i + 1}.wavetrace.json`;
          // A file under the test's output folder: reporters print its path, and
          // `wavetrace check` / `view` take it as it is.
          const file = testInfo.outputPath(name);
          await writeFile(file, serializeTrace(traces[i]!));
          await testInfo.attach(name, { path: file, contentType: 'application/json' });
        }
      }
      await recording.stop();
    },
    { auto: true },
  ],
});

/** Playwright's `expect` with `toHaveNoFindings`. */
export const expect: Expect<{
  toHaveNoFindings(received: Wavetrace, filter?: FindingsFilter): Promise<{ pass: boolean; message: () => string; name?: string }>;
}> = baseExpect.extend({
  /**
   * Passes when the recording has no finding at or above `severity` (default `error`); the
   * failure message lists each finding's code, message and hint.
   */
  async toHaveNoFindings(received: Wavetrace, filter: FindingsFilter = {}) {
    const name = 'toHaveNoFindings';
    if (!received || typeof received.findings !== 'function') {
      return { pass: false, name, message: () => `${name}: expected the wavetrace fixture, got ${String(received)}` };
    }
    const min = checkedSeverity(filter.severity, name);
    const findings = received instanceof Recording ? await received.placedFindings({ severity: min }, name) : (await received.findings({ severity: min })).filter((f) => atLeast(f, min));
    const pass = findings.length === 0;
    return {
      pass,
      name,
      message: () =>
        pass
          ? `expected Wavetrace findings (${min} or worse), found none`
          : `expected no Wavetrace findings (${min} or worse), found ${findings.length}:\n${describeFindings(findings)}`,
    };
  },
});
