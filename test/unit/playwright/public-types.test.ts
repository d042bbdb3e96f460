/**
 * The declarations of `wavetrace/playwright` (types/playwright.d.ts, re-exporting what tsc
 * generates from the fixture's source into dist/playwright/types) match the fixture as built:
 * its real values and types are assignable to the declared ones (checked by `npm run
 * typecheck`, which generates them first), the package's self-reference resolves to the built
 * module, and the generated files are complete and name `@playwright/test` (what a user has).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Declared from '../../../types/playwright';
import type * as Real from '../../../src/playwright/index';

type Assignable<To, From extends To> = From;
export type Checks = [
  Assignable<Declared.Wavetrace, Real.Wavetrace>,
  Assignable<Declared.WavetraceOptions, Real.WavetraceOptions>,
  Assignable<Declared.Finding, Real.Finding>,
  Assignable<Declared.Trace, Real.Trace>,
  Assignable<Declared.FindingsFilter, Real.FindingsFilter>,
  Assignable<typeof Declared.test, typeof Real.test>,
  Assignable<Declared.FaultRequest, Real.FaultRequest>,
  Assignable<Real.FaultRequest, Declared.FaultRequest>,
  Assignable<Declared.FaultCommand, Real.FaultCommand>,
  Assignable<Declared.FaultOptions, Real.FaultOptions>,
];

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('wavetrace/playwright declarations', () => {
  it('the package exports point at the declarations and the built fixture', async () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> };
    expect(pkg.exports['./playwright']).toEqual({ types: './types/playwright.d.ts', import: './dist/playwright/index.js', default: './dist/playwright/index.js' });
    expect(existsSync(`${root}types/playwright.d.ts`)).toBe(true);
  });

  const typesDir = `${root}dist/playwright/types`;
  it.skipIf(!existsSync(typesDir))('the generated declarations are complete and import only @playwright/test of Playwright', () => {
    const files = (readdirSync(typesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts'));
    expect(files).toContain(join('playwright', 'index.d.ts'));
    const index = readFileSync(join(typesDir, 'playwright', 'index.d.ts'), 'utf8');
    expect(index).toMatch(/export declare const test: TestType</);
    expect(index).toMatch(/export declare const expect: Expect</);
    const missing: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(typesDir, f), 'utf8');
      expect(text, f).not.toMatch(/["']playwright\/test["']/);
      for (const m of text.matchAll(/(?:from |import\()["'](\.{1,2}\/[^"']+)["']/g)) {
        // Specifiers carry `.js` (nodenext needs it): `./x.js` is `./x.d.ts`.
        expect(m[1], f).toMatch(/\.js$/);
        const target = resolve(dirname(join(typesDir, f)), m[1]!.replace(/\.js$/, ''));
        if (!existsSync(`${target}.d.ts`)) missing.push(`${f} → ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
