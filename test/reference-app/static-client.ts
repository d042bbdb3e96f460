/**
 * Serves the browser reference client (test/reference-app/client/) as-is, no build step.
 *
 * Every file goes out with a strict Content-Security-Policy (no inline script, no eval,
 * connections only to 'self' and 127.0.0.1 / localhost on any port, so `wsUrl`/`httpBase` may
 * point at the idle proxy): Wavetrace's page hook must work on such pages.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';

export const CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:* ws://localhost:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const CLIENT_DIR = new URL('./client/', import.meta.url);

/** URL path → file in client/ and its content type. Only these are served. */
const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/client.css': { file: 'client.css', type: 'text/css; charset=utf-8' },
  '/client.js': { file: 'client.js', type: 'text/javascript; charset=utf-8' },
  '/params.js': { file: 'params.js', type: 'text/javascript; charset=utf-8' },
  '/reconnect-policy.js': { file: 'reconnect-policy.js', type: 'text/javascript; charset=utf-8' },
  '/sync-cursor.js': { file: 'sync-cursor.js', type: 'text/javascript; charset=utf-8' },
  '/cursor-store.js': { file: 'cursor-store.js', type: 'text/javascript; charset=utf-8' },
  '/status-view.js': { file: 'status-view.js', type: 'text/javascript; charset=utf-8' },
  '/api.js': { file: 'api.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * Serves a client file for `pathname` (GET, or HEAD without a body); returns false when the path
 * is not one of them.
 */
export async function serveClientFile(pathname: string, res: ServerResponse, head = false): Promise<boolean> {
  if (pathname === '/favicon.ico') {
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
    return true;
  }
  const entry = FILES[pathname];
  if (!entry) return false;
  const body = await readFile(new URL(entry.file, CLIENT_DIR));
  res.writeHead(200, {
    'Content-Type': entry.type,
    'Content-Security-Policy': CLIENT_CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(head ? undefined : body);
  return true;
}
