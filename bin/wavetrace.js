#!/usr/bin/env node
// Wavetrace CLI entry (see README, "Command line"): runs the TypeScript CLI (src/cli/main.ts) through tsx,
// so `npx wavetrace check FILE` works in the repository after `npm install`.
// If the CLI cannot even load, that is an internal error: exit 70, never 1 (1 means "error finding").
try {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
} catch (e) {
  process.stderr.write(`wavetrace: internal error (a bug in Wavetrace, exit 70): cannot start: ${String(e?.message ?? e).split('\n')[0]}\n`);
  process.exitCode = 70;
}
