/**
 * A tiny argv parser for the CLI (docs/design.md#command-line syntax): positionals, `--name value`,
 * `--name=value` and boolean flags. No dependency; unknown options are reported, not ignored.
 */

/** Parsed arguments: positionals in order, option values by name (without dashes), booleans as true. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

/**
 * Parses `argv` (without the command name). `valued` options take a value (`--profile x`,
 * `--profile=x`); `flags` are booleans. `-h` is `--help`. Everything after `--` is positional.
 * @throws Error with a one-line message for an unknown option or a missing value
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      out.options.help = true;
      continue;
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-') throw new Error(`unknown option ${a}`);
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (valued.includes(name)) {
      const value = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (value === undefined || value === '') throw new Error(`option --${name} needs a value`);
      out.options[name] = value;
    } else if (flags.includes(name) || name === 'help') {
      if (eq >= 0) throw new Error(`option --${name} takes no value`);
      out.options[name] = true;
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  return out;
}
