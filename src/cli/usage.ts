/**
 * Help texts of the CLI (docs/design.md#command-line).
 */

/** `wavetrace --help`. */
export const USAGE = `Usage: wavetrace <command> [options]

Commands:
  check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]
      Analyse a trace or a HAR: timeline summary and findings.
      Exit 0 = no error findings, 1 = at least one error finding, 2 = input unreadable.
  record <url> [--out file] [--duration s] [--browser chromium|firefox] [--headed] [--fault <spec> …]
      Record a page in a real browser with the extension into a trace (redacted).

Options:
  -h, --help     show this help
  --version      print the version
`;

/** `wavetrace check --help`. */
export const CHECK_USAGE = `Usage: wavetrace check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]

  --profile <name|file.json>  protocol profile: a built-in name (e.g. scaiwave, socketio-v4,
                              discord-gateway) or a profile JSON file. Default: the trace's
                              profile, else auto-detected from the connections, else scaiwave.
  --format text|json          text (default): timeline summary and findings;
                              json: {"summary": {...}, "findings": [...]}

Exit status: 0 no error findings, 1 at least one error finding, 2 the input could not be read.
`;

/** `wavetrace record --help`. */
export const RECORD_USAGE = `Usage: wavetrace record <url> [--out file] [--duration s] [--browser chromium|firefox] [--headed] [--no-redact] [--fault <spec> …]

  Launches a real browser with the built Wavetrace extension, loads <url>, records for the
  given duration through the real pipeline (page hook, relay, hub, panel) and writes a trace.

  --out file                  where to write (default: wavetrace-<host>-<time>.wavetrace.json;
                              a name ending in .gz is gzip-compressed)
  --duration s                seconds to record after the page loaded (default 10)
  --browser chromium|firefox  which browser (default chromium; CHROME_PATH / FIREFOX_PATH)
  --headed                    show the browser window
  --no-redact                 keep tokens and secrets (redaction is on by default)
  --fault <spec>              inject a fault, repeatable: <kind>[:<arg>…]@<seconds after load>,
                              aimed at the newest open connection then: drop@5, close:4001@5,
                              freeze:20000@8, refuse:5000@8, fail-sync:503:2@0, skip:3@6, thaw@20

Exit status: 0 trace written, 2 browser not found, page not loadable or bad arguments.
`;
