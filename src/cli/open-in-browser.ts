/**
 * Opens a local file in the default browser: `open` on macOS, `start` on Windows, `xdg-open`
 * elsewhere. Never waits for the browser; reports whether an opener could be started.
 */
import { spawn } from 'node:child_process';

/** The opener command for `platform` and its arguments for `path`. */
export function openerFor(platform: NodeJS.Platform, path: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [path] };
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', path] };
  return { cmd: 'xdg-open', args: [path] };
}

/**
 * Starts the opener for `path`, detached. Resolves with the opener's name when it started,
 * or undefined when there is none (e.g. no xdg-open on a server).
 */
export function openInBrowser(path: string, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  const { cmd, args } = openerFor(platform, path);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    } catch {
      resolve(undefined);
      return;
    }
    child.once('error', () => resolve(undefined));
    child.once('spawn', () => {
      child.unref();
      resolve(cmd);
    });
  });
}
