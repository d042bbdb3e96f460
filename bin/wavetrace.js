#!/usr/bin/env node
// Wavetrace CLI entry (see README, "Command line"): runs the TypeScript CLI (src/cli/main.ts) through tsx,
// so `npx wavetrace check FILE` works in the repository after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
