/**
 * The hand-kept declarations of `wavetrace/playwright` (types/playwright.d.ts) match the fixture
 * as built: its real values and types are assignable to the declared ones (checked by
 * `npm run typecheck`), and the package's self-reference resolves to the built module.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
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
});
