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
 * and, on the already-read events, `learnProfile` (docs/design.md#profile-learning). Times are
 * the child's CPU time (user + system): on a shared machine they vary far less than wall time.
 * Rows: the full run / bare parse (target ≤ 3), learning / bare parse (target ≤ 2), peak RSS of
 * the full run (target ≤ 1024 MB); `#` lines give the absolute times. Always exits 0.
 *
 * Run: `npx tsx scripts/bench-analysis.ts [--events N] [--runs R] [--keep] [--file trace.json]`
 * (`--file` reuses a kept trace instead of generating one).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, range, row } from './bench/stats';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

if (argv[0] === '--child') await child(argv[1] as string, argv[2] as string);
else parent();

/** CPU time of this process so far (user + system, all threads), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Child process: one measurement, printed as JSON on stdout (`ms`: CPU time, `wallMs`: wall time). */
async function child(mode: string, file: string): Promise<void> {
  if (mode === 'bare') {
    const text = readFileSync(file, 'utf8');
    const c0 = cpuMs();
    const t0 = performance.now();
    const v = JSON.parse(text) as { events: unknown[] };
    const wallMs = performance.now() - t0;
    const ms = cpuMs() - c0;
    process.stdout.write(JSON.stringify({ ms, wallMs, events: v.events.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  if (mode === 'learn') {
    // Profile learning on the already-read events (docs/design.md#profile-learning).
    const { loadInput } = await import('../src/cli/load-input');
    const { learnProfile } = await import('../src/core/profile/learn/learn-profile');
    const { read } = await loadInput(file);
    const c0 = cpuMs();
    const t0 = performance.now();
    const r = learnProfile(read.trace.events);
    const wallMs = performance.now() - t0;
    const ms = cpuMs() - c0;
    process.stdout.write(JSON.stringify({ ms, wallMs, rssMb: process.resourceUsage().maxRSS / 1024, position: r.profile.position?.path ?? null, heartbeat: r.profile.heartbeat?.intervalMs ?? null }));
    return;
  }
  // Exactly what `wavetrace check` does (src/cli/commands/check.ts), minus rendering.
  const { loadInput } = await import('../src/cli/load-input');
  const { resolveProfile } = await import('../src/cli/resolve-profile');
  const { analyze } = await import('../src/core/analysis');
  const c0 = cpuMs();
  const t0 = performance.now();
  const { read } = await loadInput(file);
  const c1 = cpuMs();
  const { profile } = resolveProfile(undefined, read.trace.profile, read.trace.events);
  const a = analyze(read.trace.events, profile, { dropped: read.trace.dropped });
  const c2 = cpuMs();
  const wallMs = performance.now() - t0;
  const byCode: Record<string, number> = {};
  for (const f of a.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({
      ms: c2 - c0,
      wallMs,
      readMs: c1 - c0,
      analyzeMs: c2 - c1,
      rssMb: process.resourceUsage().maxRSS / 1024,
      connections: a.connections.length,
      attempts: a.attempts.length,
      findings: byCode,
    }),
  );
}

type Measured = Record<string, unknown> & { ms: number; wallMs: number; rssMb: number };

function parent(): void {
  const target = Number(flag('--events') ?? 1_000_000);
  const runs = Math.max(1, Number(flag('--runs') ?? 3));
  const given = flag('--file');
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'wavetrace-bench-'));
  const file = given ?? join(dir!, 'bench.wavetrace.json');
  const g0 = performance.now();
  const events = given ? NaN : generate(file, target);
  const genMs = performance.now() - g0;
  const size = statSync(file).size;
  const script = fileURLToPath(import.meta.url);

  const measure = (mode: 'bare' | 'full' | 'learn'): Measured => {
    const r = spawnSync(process.execPath, [...process.execArgv, '--max-old-space-size=4096', script, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as Measured;
  };
  // Rounds interleave the three measurements; each ratio pairs runs of the same round.
  const bare: Measured[] = [];
  const full: Measured[] = [];
  const learn: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(measure('bare'));
    full.push(measure('full'));
    learn.push(measure('learn'));
  }
  const ms = (xs: Measured[], k = 'ms'): number[] => xs.map((x) => Number(x[k]));
  const ratio = (xs: Measured[]): number[] => xs.map((x, i) => x.ms / bare[i]!.ms);
  const note = `CPU time, median of ${runs} rounds`;
  const last = full[full.length - 1]!;
  const learned = learn[learn.length - 1]!;
  console.log(`# ${given ? `trace ${file}` : `${events} events generated in ${(genMs / 1000).toFixed(1)} s`}, ${(size / 1048576).toFixed(1)} MB`);
  console.log(`# bare JSON.parse: ${median(ms(bare)).toFixed(0)} ms CPU (rounds ${range(ms(bare), 0)}), ${median(ms(bare, 'wallMs')).toFixed(0)} ms wall`);
  console.log(`# read+parse+validate+analyze: ${median(ms(full)).toFixed(0)} ms CPU (rounds ${range(ms(full), 0)}), ${median(ms(full, 'wallMs')).toFixed(0)} ms wall; of which read+parse+validate ${median(ms(full, 'readMs')).toFixed(0)} ms, analyze ${median(ms(full, 'analyzeMs')).toFixed(0)} ms`);
  console.log(`# profile learning: ${median(ms(learn)).toFixed(0)} ms CPU (rounds ${range(ms(learn), 0)}); learned position ${String(learned.position)}, heartbeat ${String(learned.heartbeat)} ms`);
  console.log(row('read+parse+validate+analyze / JSON.parse', median(ratio(full)), '≤', 3, { rounds: ratio(full), note }));
  console.log(row('profile learning / JSON.parse', median(ratio(learn)), '≤', 2, { rounds: ratio(learn), note }));
  console.log(row('peak RSS of read+parse+validate+analyze', Math.max(...ms(full, 'rssMb')), '≤', 1024, { digits: 0, unit: 'MB', note: `largest of ${runs} rounds` }));
  console.log(`# connections / attempts: ${String(last.connections)} / ${String(last.attempts)}; findings ${JSON.stringify(last.findings)}`);
  if (dir && argv.includes('--keep')) console.log(`# trace kept at ${file}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
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
