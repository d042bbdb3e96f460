#!/usr/bin/env node
// Wavetrace CLI launcher (README, "Command line"). An installed package runs the built CLI,
// dist/cli/wavetrace.js (plain JavaScript). A checkout of the repository (src/ present, tsx
// installed) runs the TypeScript sources through tsx, so edits need no rebuild; set
// WAVETRACE_BUILT_CLI=1 there to run the built CLI instead.
// If the CLI cannot even load, that is an internal error: exit 70, never 1 (1 means "error finding").
import { existsSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const sources = new URL('../src/cli/main.ts', here);
let tsx;
if (process.env.WAVETRACE_BUILT_CLI !== '1' && existsSync(sources)) {
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = undefined; // no dev dependencies: use the built CLI
  }
}
try {
  if (tsx) {
    tsx.register();
    await import(sources.href);
  } else {
    const built = new URL('../dist/cli/wavetrace.js', here);
    if (!existsSync(built)) {
      process.stderr.write('wavetrace: the CLI is not built (run npm run build in the repository)\n');
      process.exit(2);
    }
    await import(built.href);
  }
} catch (e) {
  process.stderr.write(`wavetrace: internal error (a bug in Wavetrace, exit 70): cannot start: ${String(e?.message ?? e).split('\n')[0]}\n`);
  process.exitCode = 70;
}
