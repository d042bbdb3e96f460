/**
 * A TypeScript user of `wavetrace/playwright` compiles under moduleResolution `nodenext` and
 * `bundler` alike (the generated declarations name their relative imports with `.js`, which
 * node16/nodenext require of an ESM package); and a misspelt severity in the findings filter is
 * a clear error, not a silent pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkedSeverity } from '../../../src/playwright/recording';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('wavetrace/playwright for its users', () => {
  it('a consumer type-checks under nodenext and bundler', () => {
    execFileSync(process.execPath, [join(root, 'scripts/playwright-types.js')], { cwd: root });
    const dir = mkdtempSync(join(tmpdir(), 'wt-consumer-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules/wavetrace'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'c.ts'), "import { test, expect } from 'wavetrace/playwright';\ntest('x', async ({ page, wavetrace }) => {\n  await page.goto('about:blank');\n  await expect(wavetrace).toHaveNoFindings({ severity: 'warning' });\n});\n");
    for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
      const args = [tsc, '--noEmit', '--strict', '--skipLibCheck', '--lib', 'esnext', '--typeRoots', join(root, 'node_modules/@types'), '--types', 'node', '--module', module!, '--moduleResolution', resolution!, '--target', 'es2022', 'c.ts'];
      let out = '';
      try {
        execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout);
      }
      expect(out, resolution).toBe('');
    }
  }, 120_000);

  it('a misspelt severity throws, naming the accepted values', () => {
    expect(checkedSeverity(undefined, 'x')).toBe('error');
    expect(checkedSeverity('warning', 'x')).toBe('warning');
    expect(() => checkedSeverity('warn', 'toHaveNoFindings')).toThrow('toHaveNoFindings: unknown severity "warn" (accepted: "error", "warning", "info")');
    expect(() => checkedSeverity(2, 'wavetrace.findings')).toThrow('wavetrace.findings: unknown severity 2 (accepted: "error", "warning", "info")');
  });
});
