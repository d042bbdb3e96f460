/**
 * Analysis benchmark — a script, not a test (docs/design.md#testing; method: scripts/bench/README.md):
 * is analysing a trace (docs/design.md#analysis) well under the cost of parsing it?
 *
 * Generates a realistic 1,000,000-event trace (a ScaiWave stream with hello, pings/pongs every
 * 30 s, positioned events, acks, 1006 drops with immediate reconnects and /v1/sync calls; a
 * presence socket; a third-party socket; page visibility changes) into a temp file, then in
 * fresh child processes times
 *   - a bare `JSON.parse` of the file's text (baseline), and
 *   - read + parse + validate + analyze (`readTraceOrHar` + `analyze`, what `wavetrace check` does),
 * and prints `name: value (target)` lines: both times, the ratio (target ≤ 3) and the peak RSS of
 * the full run (target < 1 GB). Always exits 0.
 *
 * Run: `npx tsx scripts/bench-analysis.ts [--events N] [--runs R] [--keep]`
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

if (argv[0] === '--child') await child(argv[1] as string, argv[2] as string);
else parent();

/** Child process: one measurement, printed as JSON on stdout. */
async function child(mode: string, file: string): Promise<void> {
  if (mode === 'bare') {
    const text = readFileSync(file, 'utf8');
    const t0 = performance.now();
    const v = JSON.parse(text) as { events: unknown[] };
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, events: v.events.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  if (mode === 'learn') {
    // Profile learning on the already-read events (docs/design.md#profile-learning).
    const { loadInput } = await import('../src/cli/load-input');
    const { learnProfile } = await import('../src/core/profile/learn/learn-profile');
    const { read } = loadInput(file);
    const t0 = performance.now();
    const r = learnProfile(read.trace.events);
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, position: r.profile.position?.path ?? null, heartbeat: r.profile.heartbeat?.intervalMs ?? null }));
    return;
  }
  // Exactly what `wavetrace check` does (src/cli/commands/check.ts), minus rendering.
  const { loadInput } = await import('../src/cli/load-input');
  const { resolveProfile } = await import('../src/cli/resolve-profile');
  const { analyze } = await import('../src/core/analysis');
  const t0 = performance.now();
  const { read } = loadInput(file);
  const t1 = performance.now();
  const { profile } = resolveProfile(undefined, read.trace.profile, read.trace.events);
  const a = analyze(read.trace.events, profile, { dropped: read.trace.dropped });
  const t2 = performance.now();
  const byCode: Record<string, number> = {};
  for (const f of a.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({
      ms: t2 - t0,
      readMs: t1 - t0,
      analyzeMs: t2 - t1,
      rssMb: process.resourceUsage().maxRSS / 1024,
      connections: a.connections.length,
      attempts: a.attempts.length,
      findings: byCode,
    }),
  );
}

function parent(): void {
  const target = Number(flag('--events') ?? 1_000_000);
  const runs = Math.max(1, Number(flag('--runs') ?? 3));
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-bench-'));
  const file = join(dir, 'bench.wavetrace.json');
  const g0 = performance.now();
  const events = generate(file, target);
  const genMs = performance.now() - g0;
  const size = statSync(file).size;
  const script = fileURLToPath(import.meta.url);

  const measure = (mode: 'bare' | 'full' | 'learn'): Record<string, unknown> & { ms: number; rssMb: number } => {
    const r = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=4096', script, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  let bare = Infinity;
  let full: (Record<string, unknown> & { ms: number; rssMb: number }) | undefined;
  let peak = 0;
  let learn: (Record<string, unknown> & { ms: number }) | undefined;
  for (let i = 0; i < runs; i++) {
    bare = Math.min(bare, measure('bare').ms);
    const l = measure('learn');
    if (!learn || l.ms < learn.ms) learn = l;
    const f = measure('full');
    peak = Math.max(peak, f.rssMb);
    if (!full || f.ms < full.ms) full = f;
  }
  const ratio = full!.ms / bare;
  const line = (name: string, value: string, tgt: string) => console.log(`${name}: ${value} (${tgt})`);
  line('events', String(events), `target ${target}`);
  line('file size', `${(size / 1048576).toFixed(1)} MB`, `generated in ${(genMs / 1000).toFixed(1)} s`);
  line('bare JSON.parse', `${bare.toFixed(0)} ms`, `baseline, best of ${runs}`);
  line('read+parse+analyze', `${full!.ms.toFixed(0)} ms`, `≤ ${(3 * bare).toFixed(0)} ms = 3 × JSON.parse, best of ${runs}`);
  line('  of which read+parse+validate', `${Number(full!.readMs).toFixed(0)} ms`, 'loadInput: readFileSync + decode + readTraceOrHar');
  line('  of which analyze', `${Number(full!.analyzeMs).toFixed(0)} ms`, 'analyze');
  line('ratio', ratio.toFixed(2), `target ≤ 3 ${ratio <= 3 ? 'OK' : 'MISSED'}`);
  line('peak RSS', `${peak.toFixed(0)} MB`, `target < 1024 MB ${peak < 1024 ? 'OK' : 'MISSED'}`);
  line('profile learning', `${learn!.ms.toFixed(0)} ms`, `${(learn!.ms / bare).toFixed(2)} × JSON.parse (target ≤ 2 ×), best of ${runs}; learned position ${String(learn!.position)}, heartbeat ${String(learn!.heartbeat)} ms`);
  line('connections / attempts', `${String(full!.connections)} / ${String(full!.attempts)}`, 'sanity');
  line('findings', JSON.stringify(full!.findings), 'sanity');
  if (argv.includes('--keep')) console.log(`trace kept at ${file}`);
  else rmSync(dir, { recursive: true, force: true });
  process.exitCode = 0;
}

/**
 * Writes a trace of about `target` events to `file`, streaming (no giant string in memory).
 * Returns the number of events written. Deterministic (fixed PRNG seed).
 */
function generate(file: string, target: number): number {
  let seed = 0x2545f491;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const fd = openSync(file, 'w');
  let buf: string[] = [];
  let bufLen = 0;
  const flush = () => {
    writeSync(fd, buf.join(''));
    buf = [];
    bufLen = 0;
  };
  const out = (s: string) => {
    buf.push(s);
    bufLen += s.length;
    if (bufLen > 1 << 20) flush();
  };
  out(
    '{"format":"wavetrace","version":1,"createdAt":"2023-11-14T22:13:20.000Z","source":{"tool":"wavetrace 0.1.0","browser":"Chromium 131.0","page":"https://app.example.com/inbox"},"redacted":true,"profile":"scaiwave","dropped":0,"events":[\n',
  );
  let seq = 0;
  let t = 1_700_000_000_000;
  const emit = (json: string) => {
    seq++;
    out((seq === 1 ? '' : ',\n') + `{"seq":${seq},"t":${t.toFixed(3)},${json}}`);
  };
  const frame = (type: 'ws-message' | 'ws-send', conn: string, data: string, extra = '') =>
    emit(`"type":"${type}","conn":"${conn}","opcode":1,"size":${Buffer.byteLength(data)},"data":${JSON.stringify(data)},"encoding":"text","truncated":false${extra}`);
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do', 'eiusmod', 'tempor'];
  const sentence = () => {
    const n = 3 + Math.floor(rnd() * 10);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(words[Math.floor(rnd() * words.length)] as string);
    return w.join(' ');
  };

  const STREAM = 'wss://api.example.com/v1/stream?token=REDACTED~3f2a';
  const PRESENCE = 'wss://api.example.com/v1/presence?token=REDACTED~3f2a';
  const OTHER = 'wss://rt.widgets.example.net/socket';
  let connN = 0;
  let reqN = 0;
  let pos = 1000;
  const create = (url: string) => {
    const id = `1.${++connN}`;
    emit(`"type":"ws-create","conn":"${id}","url":"${url}","protocols":[],"frameUrl":"https://app.example.com/inbox"`);
    t += 40 + rnd() * 80;
    emit(`"type":"ws-open","conn":"${id}","protocol":"","extensions":"permessage-deflate"`);
    return id;
  };
  let stream = create(STREAM);
  frame('ws-message', stream, JSON.stringify({ type: 'hello', tenant_id: 'acme', stream_position: pos }));
  let presence = create(PRESENCE);
  const other = create(OTHER);
  let nextPing = t + 30000;
  let nextDrop = t + 300000 + rnd() * 600000;
  let nextVis = t + 120000;
  let hidden = false;

  while (seq < target - 12) {
    t += rnd() * 100; // ~20 stream events/s
    if (t >= nextPing) {
      frame('ws-message', stream, '{"type":"ping"}');
      t += 2 + rnd() * 5;
      frame('ws-send', stream, '{"type":"pong"}', ',"readyState":1');
      nextPing += 30000;
      continue;
    }
    if (t >= nextVis) {
      hidden = !hidden;
      emit(`"type":"page-visibility","state":"${hidden ? 'hidden' : 'visible'}"`);
      nextVis = t + 60000 + rnd() * 240000;
      continue;
    }
    if (t >= nextDrop) {
      // 1006 drop; reconnect immediately; sync since the last processed position, then resume.
      emit(`"type":"ws-close","conn":"${stream}","code":1006,"reason":"","wasClean":false`);
      emit(`"type":"ws-close","conn":"${presence}","code":1006,"reason":"","wasClean":false`);
      t += 50 + rnd() * 400;
      stream = create(STREAM);
      frame('ws-message', stream, JSON.stringify({ type: 'hello', tenant_id: 'acme', stream_position: pos + 3 }));
      const req = `r${++reqN}`;
      emit(`"type":"http-request","req":"${req}","method":"GET","url":"https://api.example.com/v1/sync?since=${pos}","initiator":"fetch"`);
      t += 60 + rnd() * 60;
      const missed = [pos + 1, pos + 2, pos + 3];
      emit(`"type":"http-response","req":"${req}","status":200,"body":${JSON.stringify(JSON.stringify({ events: missed.map((p) => ({ stream_position: p, event: 'message.created' })) }))}`);
      pos += 3;
      presence = create(PRESENCE);
      nextPing = t + 30000;
      nextDrop = t + 300000 + rnd() * 600000;
      continue;
    }
    const r = rnd();
    if (r < 0.8) {
      pos += 1;
      frame('ws-message', stream, JSON.stringify({ type: 'event', stream_position: pos, event: 'message.created', payload: { id: `m${pos}`, text: sentence() } }));
    } else if (r < 0.88) {
      frame('ws-send', stream, JSON.stringify({ type: 'ack', stream_position: pos }), ',"readyState":1');
    } else if (r < 0.96) {
      frame('ws-message', presence, JSON.stringify({ type: 'presence', user: `u${Math.floor(rnd() * 500)}`, state: rnd() < 0.5 ? 'online' : 'away' }));
    } else {
      frame('ws-message', other, JSON.stringify({ ev: 'widget.update', id: Math.floor(rnd() * 1e6), v: sentence() }));
    }
  }
  while (seq < target - 1) {
    t += rnd() * 100;
    pos += 1;
    frame('ws-message', stream, JSON.stringify({ type: 'event', stream_position: pos, event: 'message.created', payload: { id: `m${pos}`, text: sentence() } }));
  }
  emit(`"type":"ws-close","conn":"${stream}","code":1000,"reason":"","wasClean":true`);
  out('\n]}\n');
  flush();
  closeSync(fd);
  return seq;
}
