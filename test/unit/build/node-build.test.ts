/**
 * The Node side of the build (scripts/build-node.js, run by `npm run build`): the CLI bundle
 * has no TypeScript or tsx left and loads its browser drivers lazily; the hook and the fixture's
 * relay are classic scripts that add no global to the page.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'acorn';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../../dist/', import.meta.url));

describe.skipIf(!existsSync(`${dist}playwright/relay.js`))('node build', () => {
  it('the CLI entry imports no driver, no tsx and no .ts file; drivers are in lazily loaded chunks', () => {
    const entry = readFileSync(`${dist}cli/wavetrace.js`, 'utf8');
    const staticImports = [...entry.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1] as string);
    expect(staticImports.filter((s) => !s.startsWith('node:') && !s.startsWith('./chunks/') && s !== 'module')).toEqual([]);
    const chunks = readdirSync(`${dist}cli/chunks`).map((f) => readFileSync(`${dist}cli/chunks/${f}`, 'utf8'));
    for (const code of [entry, ...chunks]) {
      expect(code).not.toMatch(/(?:\bfrom\s*|\bimport\(\s*)"(?:tsx(?:\/[^"]*)?|[^"]*\.tsx?)"/);
    }
    expect(chunks.some((c) => /from\s+"playwright-core"/.test(c))).toBe(true);
    expect(chunks.some((c) => /from\s+"puppeteer-core"/.test(c))).toBe(true);
    expect(entry).toMatch(/import\("\.\/chunks\/chromium-[\w-]+\.js"\)/);
  });

  it('hook.js and relay.js are classic scripts: one IIFE each, no top-level binding', () => {
    for (const f of ['hook.js', 'relay.js']) {
      const ast = parse(readFileSync(`${dist}playwright/${f}`, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script' });
      expect(ast.body.map((n) => n.type)).toEqual(['ExpressionStatement']);
    }
  });
});
