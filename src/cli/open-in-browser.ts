/**
 * Opens a local file in the default browser: `open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere (docs/design.md#command-line). Never waits for the browser itself; reports whether
 * the file was handed to one, or in one line why not.
 */
import { spawn } from 'node:child_process';

/** The opener command for `platform` and its arguments for `path`. */
export function openerFor(platform: NodeJS.Platform, path: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [path] };
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', path] };
  return { cmd: 'xdg-open', args: [path] };
}

/** How long (ms) the opener may take to fail: an opener still running then has handed the file on (a browser it started may keep it running). */
export const OPENER_FAIL_WINDOW_MS = 3000;

/** What became of the attempt: `opened` with the opener's name, or `reason` (one line, no path) why no browser shows the file. */
export type OpenResult = { opened: string } | { reason: string };

/**
 * On an X11/Wayland platform (not macOS, not Windows) a browser needs a display: without
 * `DISPLAY` and `WAYLAND_DISPLAY` (an SSH session, a CI job, a container) nothing can open.
 * @returns the reason, or undefined when a display is set or the platform needs none
 */
export function noDisplayReason(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)';
}

/**
 * Starts the opener for `path`, detached, and waits up to `failWindowMs` for it to fail.
 * Resolves `{opened}` when it exited 0 or is still running after the window, else `{reason}`:
 * no display ({@link noDisplayReason}, then nothing is started), no opener installed (e.g. no
 * xdg-open on a server), or the opener's exit status (xdg-open exits 3 when no browser is
 * found, 4 when opening failed).
 */
export function openInBrowser(path: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, failWindowMs = OPENER_FAIL_WINDOW_MS): Promise<OpenResult> {
  const noDisplay = noDisplayReason(platform, env);
  if (noDisplay) return Promise.resolve({ reason: noDisplay });
  const { cmd, args } = openerFor(platform, path);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { detached: true, stdio: 'ignore', env });
    } catch {
      resolve({ reason: 'no browser opener found' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    child.once('error', () => {
      clearTimeout(timer);
      resolve({ reason: 'no browser opener found' });
    });
    child.once('spawn', () => {
      timer = setTimeout(() => {
        child.unref();
        resolve({ opened: cmd });
      }, failWindowMs);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ opened: cmd });
      else resolve({ reason: `${cmd} could not open a browser (${signal ? `signal ${signal}` : `exit ${String(code)}`})` });
    });
  });
}
