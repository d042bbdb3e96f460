// The Firefox driver lives with the CLI (wavetrace record --browser firefox uses it too).
export * from '../../../src/cli/browser/firefox';
