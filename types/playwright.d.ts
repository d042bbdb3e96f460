/**
 * Types of `wavetrace/playwright` (the Playwright fixture, built from src/playwright/index.ts into
 * dist/playwright/index.js). Generated from that source by `npm run build:node`
 * (tsconfig.playwright-types.json: `tsc --declaration --emitDeclarationOnly` into
 * dist/playwright/types), so they cannot drift from the fixture; this file only re-exports them.
 */
export * from '../dist/playwright/types/playwright/index.js';
