/**
 * Wavetrace's version, read from package.json (its one source: the manifest build, the CLI's
 * `--version` and the `source.tool` the panel and `wavetrace record` write all take it from here
 * or from package.json directly). Not in src/core, which imports nothing outside core
 * (docs/design.md#layering-rules): core takes the tool name as a parameter.
 */
import { version } from '../package.json';

/** The semver of this build, e.g. `"0.1.0"`. */
export const VERSION: string = version;

/** Tool name and version written into a trace's `source.tool`, e.g. `"wavetrace 0.1.0"`. */
export const TOOL_NAME = `wavetrace ${VERSION}`;
