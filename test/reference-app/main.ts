/**
 * CLI: starts the reference server (and optionally the idle-cutting proxy in front of it) and
 * prints the URLs; Ctrl-C stops both.
 *
 *   npx tsx test/reference-app/main.ts [--port N] [--proxy-idle-ms N] [--proxy-port N]
 *       [--event-interval-ms N] [--ping-interval-ms N] [--max-missed-pongs N]
 *       [--token-ttl-ms N] [--tenant T] [--quiet]
 *
 * `--proxy-idle-ms N` (N > 0) starts the proxy with that idle timeout (the ScaiWave troubleshooting page's example
 * is 20000 against 30 s pings). Every request, connect, disconnect and proxy event is printed
 * unless `--quiet`.
 */
import { parseArgs } from 'node:util';
import { startIdleProxy, type IdleProxy } from './idle-proxy';
import { formatLogEntry } from './request-log';
import { startReferenceServer } from './reference-server';

/** Parses a non-negative integer option, or exits with a one-line error. */
function intOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
    console.error(`--${name} wants a non-negative integer, got ${String(raw)}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'proxy-idle-ms': { type: 'string' },
      'proxy-port': { type: 'string' },
      'event-interval-ms': { type: 'string' },
      'ping-interval-ms': { type: 'string' },
      'max-missed-pongs': { type: 'string' },
      'token-ttl-ms': { type: 'string' },
      tenant: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quiet = values.quiet === true;
  const opt = (name: string): number | undefined => intOption(values, name);
  const port = opt('port');
  const eventIntervalMs = opt('event-interval-ms');
  const pingIntervalMs = opt('ping-interval-ms');
  const maxMissedPongs = opt('max-missed-pongs');
  const tokenTtlMs = opt('token-ttl-ms');
  const server = await startReferenceServer({
    ...(port !== undefined && { port }),
    ...(eventIntervalMs !== undefined && { eventIntervalMs }),
    ...(pingIntervalMs !== undefined && { pingIntervalMs }),
    ...(maxMissedPongs !== undefined && { maxMissedPongs }),
    ...(tokenTtlMs !== undefined && { tokenTtlMs }),
    ...(values.tenant !== undefined && { tenant: values.tenant }),
    onLog: quiet ? undefined : (e) => console.log(`[server] ${formatLogEntry(e)}`),
  });
  console.log(`reference server  ${server.url}/   (stream ${server.wsUrl}/v1/stream, token ${server.url}/v1/token)`);

  let proxy: IdleProxy | undefined;
  const idleMs = opt('proxy-idle-ms');
  if (idleMs !== undefined && idleMs > 0) {
    const proxyPort = opt('proxy-port');
    proxy = await startIdleProxy({
      targetPort: server.port,
      idleTimeoutMs: idleMs,
      ...(proxyPort !== undefined && { port: proxyPort }),
      onEvent: quiet ? undefined : (e) => console.log(`[proxy]  conn=${e.conn} ${e.kind}${e.idleMs !== undefined ? ` after ${e.idleMs} ms idle` : ''}`),
    });
    console.log(`idle proxy        ${proxy.url}/   (cuts connections idle for ${idleMs} ms)`);
    console.log(`client via proxy  ${proxy.url}/?timeScale=1`);
  }
  console.log(`client            ${server.url}/?timeScale=1`);
  console.log('Ctrl-C stops.');

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    void Promise.all([proxy?.close(), server.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
