/**
 * Viewer load of a many-connection trace (not a test): writes a trace of N short connections
 * (create → open → three frames → close 1006, one endpoint), opens it in the standalone viewer
 * in headless Chromium through its Import button, and samples the page's main thread with the
 * CDP profiler for `WAIT_MS` after the import. Prints the busy time (samples that are not idle)
 * next to `wavetrace check`'s wall time on the same file: the viewer should stay within a small
 * multiple of check (docs/design.md#panel-and-viewer: the connection list built only in use).
 *
 * Run: `npm run build && npx tsx scripts/bench/viewer-connections.ts [connections=30000] [waitMs=100000]`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile, openViewer } from '../../test/e2e/lib/viewer-page';

/** Events of `n` short connections to one endpoint, 3 ms apart. */
function shortConnections(n: number): unknown[] {
  const evs: unknown[] = [];
  let seq = 0;
  let t = 1_700_000_000_000;
  const e = (x: Record<string, unknown>) => evs.push({ seq: ++seq, t: (t += 3), ...x });
  for (let i = 0; i < n; i++) {
    const conn = `1.${i + 1}`;
    e({ type: 'ws-create', conn, url: 'ws://127.0.0.1:8080/feed', protocols: [], frameUrl: 'https://app.example.com/' });
    e({ type: 'ws-open', conn, protocol: '', extensions: '' });
    for (let k = 0; k < 3; k++) {
      const data = JSON.stringify({ op: 'tick', n: i * 3 + k, at: t });
      e({ type: 'ws-message', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
    }
    e({ type: 'ws-close', conn, code: 1006, reason: '', wasClean: false });
  }
  return evs;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 30000);
  const waitMs = Number(process.argv[3] ?? 100000);
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-viewer-conns-'));
  const file = join(dir, `conns-${n}.wavetrace.json`);
  writeFileSync(file, JSON.stringify({ format: 'wavetrace', version: 1, createdAt: '2023-11-14T22:14:00.000Z', source: { tool: 'bench', browser: 'none', page: 'https://app.example.com/' }, redacted: true, profile: 'auto', dropped: 0, events: shortConnections(n) }));
  const checkWallMs = (() => {
    const t = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, ['dist/cli/wavetrace.js', 'check', file], { stdio: 'ignore' });
    } catch {
      // exit 1: findings (every close is 1006)
    }
    return Number(process.hrtime.bigint() - t) / 1e6;
  })();
  const v = await openViewer();
  try {
    const cdp = await v.page.context().newCDPSession(v.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const line = await importFile(v.page, file, 600000);
    await new Promise((r) => setTimeout(r, waitMs));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const idle = new Set(profile.nodes.filter((x) => x.callFrame.functionName === '(idle)').map((x) => x.id));
    let busyUs = 0;
    profile.samples.forEach((s, i) => {
      if (!idle.has(s)) busyUs += profile.timeDeltas[i] ?? 0;
    });
    console.log(`# ${line}`);
    console.log(`viewer main thread busy: ${(busyUs / 1000).toFixed(0)} ms over ${waitMs} ms after import (${n} connections)`);
    console.log(`wavetrace check on the same file: ${checkWallMs.toFixed(0)} ms wall (read, analyse, print)`);
    console.log(`# load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await v.b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
