/**
 * Help texts of the CLI (docs/design.md#command-line).
 */

/** `wavetrace --help`. */
export const USAGE = `Usage: wavetrace <command> [options]

Commands:
  check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]
      Analyse a trace or a HAR: timeline summary and findings.
      Exit 0 = no error findings and no failed recovery, 1 = at least one error finding or
      failed recovery, 2 = input unreadable (or a HAR without WebSocket frames), 70 = internal error.
  record <url> [--out file [--force]] [--duration s] [--browser chromium|firefox] [--headed] [--no-redact] [--profile <name|file.json>] [--fault <spec> …] [--resilience]
      Record a page in a real browser with the extension into a trace (redacted);
      --resilience runs the resilience check and exits 1 when a recovery failed.
  view <file.wavetrace.json[.gz] | file.har> [--out report.html [--force]] [--no-open]
      Write a self-contained report (the viewer and the redacted trace in one .html) and open it.
  profile learn <trace | har> [--out file.profile.json [--force]] [--format text|json]
      Learn a profile from a capture: each part with its confidence and evidence.
  profile check <file.profile.json>
      Validate a profile file (exit 2 with the field path of the first error).

An --out file that exists is refused (exit 2) unless --force is given; the input file itself
is never written over. An input given as - is read from standard input (a trace, gzip or
not, or a HAR): cat trace.json | wavetrace check -

Options:
  -h, --help     show this help
  --version      print the version
`;

/** `wavetrace check --help`. */
export const CHECK_USAGE = `Usage: wavetrace check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]

  <file> as - reads standard input (a trace, gzip or not, or a HAR): wavetrace check - < t.json

  --profile <name|file.json>  protocol profile: a built-in name (e.g. scaiwave, socketio-v4,
                              discord-gateway) or a profile JSON file. Default: the trace's
                              profile, else a preset auto-detected from the connections, else
                              a profile learned from the capture (the summary says which, and why).
  --format text|json          text (default): timeline summary, findings and, with injected
                              faults, recoveries; json: {"summary": {...}, "findings": [...],
                              "recoveries": [...]}

Exit status: 0 no error findings and no failed recovery, 1 at least one error finding or a
failed recovery, 2 the input could not be read.
A HAR without WebSocket frames is 2 as well, and so is a profile whose match fits none of the
connections (the report is printed, with a warning); an internal error (a bug in Wavetrace) is 70.
`;

/** `wavetrace profile --help`. */
export const PROFILE_USAGE = `Usage: wavetrace profile learn <file.wavetrace.json[.gz] | file.har> [--out file.profile.json [--force]] [--format text|json]
       wavetrace profile check <file.profile.json>

  learn   proposes a profile for the busiest WebSocket endpoint of the capture (- reads it from
          standard input): discriminator,
          hello, heartbeat, stream position (or opaque cursor), contiguity, catch-up step,
          close codes — each with a confidence (0–1), the seqs of the events that taught it,
          and a note. Parts below 0.5 are reported but left out of the profile.
    --out file      write the profile alone (ready for wavetrace check --profile file); an
                    existing file is refused (exit 2) unless --force; never the input file
    --force         replace an existing --out file
    --format json   {"profile": {...}, "parts": [{"part", "confidence", "evidence", "note"}]}
  check   validates a profile file: exit 0, or 2 with the field path of the first error.
`;

/** `wavetrace record --help`. */
export const RECORD_USAGE = `Usage: wavetrace record <url> [--out file [--force]] [--duration s] [--browser chromium|firefox] [--headed] [--no-redact] [--profile <name|file.json>] [--fault <spec> … | --resilience]

  Launches a real browser with the built Wavetrace extension, loads <url> (http:, https:, or
  in Chromium file:), records for the given duration through the real pipeline (page hook,
  relay, hub, panel) and writes a trace.

  --out file                  where to write (default: wavetrace-<host>-<time>.wavetrace.json;
                              a name ending in .gz is gzip-compressed); an existing
                              file is refused (exit 2) unless --force
  --force                     replace an existing --out file (never the --profile file)
  --duration s                seconds to record after the page loaded (default 10)
  --browser chromium|firefox  which browser (default chromium; CHROME_PATH / FIREFOX_PATH)
  --headed                    show the browser window (needs a display: on Linux DISPLAY or
                              WAYLAND_DISPLAY; without one, exit 2 in one line)
  --no-redact                 keep tokens and secrets (redaction is on by default)
  --profile <name|file.json>  analyse with this profile (a built-in name or a profile file) and
                              write it into the trace; default: what the panel picks (a
                              detected preset by name, else the learned profile inline)
  --fault <spec>              inject a fault, repeatable: <kind>[:<arg>…]@<seconds after load>,
                              aimed at the newest open connection then: drop@5, close:4001@5,
                              freeze:20000@8, refuse:5000@8, fail-sync:503:2@0, skip:3@6, thaw@20
  --resilience                run the resilience check on the newest connection instead of
                              recording for a duration: drop → reconnect and resume; fail the
                              next sync once → drop → retry; freeze → noticed within
                              2 × heartbeat + pong timeout; the profile's auth close (4001) →
                              new credentials. Waits come from the profile; prints a progress
                              line per step (stderr) and the report card (stdout).

With --fault, the recoveries of the faults (as check prints them) come before the wrote line.
Ctrl-C (or SIGTERM) stops early and writes what was captured ("stopped: wrote N events to …",
exit 130, SIGTERM 143); a second Ctrl-C quits at once without writing.

Exit status: 0 trace written (with --fault or --resilience: no recovery failed), 1 a recovery
failed (with --resilience also: the client did not come back), 2 browser not found, page not loadable,
bad arguments, or the resilience check could not run (no socket opened).
`;

/** `wavetrace view --help`. */
export const VIEW_USAGE = `Usage: wavetrace view <file.wavetrace.json[.gz] | file.har> [--out report.html [--force]] [--no-open]

  Writes a self-contained report: the standalone viewer with the file's trace inside (a HAR
  is read into a trace; redacted and gzip-compressed, as the panel's Export report), one .html that
  opens by double-click with the timeline, findings and detail (strict Content-Security-Policy,
  no network). Then opens it in the default browser (open, start or xdg-open); when none can
  (no display, no opener, or the opener failed), says why in one line and prints the path.

  <file> as - reads standard input (the report names it "stdin").

  --out report.html   where to write (default: a new temporary directory); an existing file
                      is refused (exit 2) unless --force; the input file never is written over
  --force             replace an existing --out file
  --no-open           only write the report

Exit status: 0 report written, 2 the input could not be read or the report not written.
`;
