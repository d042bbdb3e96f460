/**
 * The text output of `wavetrace check` (docs/design.md#check): a timeline summary (connections,
 * attempts with delays, closes with decoded codes, last positions), the findings, and the
 * recoveries from injected faults.
 * Times are shown relative to the first event ("+12.0 s"); the header gives the absolute start.
 */
import { fmtValue, recoveryCounts, type Analysis, type ConnectionInfo } from '../core/analysis';
import { formatDuration } from '../core/format';
import type { ConnId, ReqId } from '../core/events';
import { visibleText } from '../core/visible-text';
import { heartbeatLine } from './check-heartbeat';
import type { CheckInput } from './check-summary';

/**
 * How ids print: numbers bare, strings bare — except a string that reads like a numeric id of
 * the same trace (`"1"` next to `1`), which is quoted so the two connections stay apart.
 */
export function idFormatter(ids: Iterable<ConnId | ReqId>): (id: ConnId | ReqId) => string {
  const numeric = new Set<string>();
  for (const id of ids) if (typeof id === 'number') numeric.add(String(id));
  return (id) => (typeof id === 'string' && numeric.has(id) ? JSON.stringify(id) : String(id));
}

/**
 * Renders the text report (newline-terminated). Each line is passed through `visibleText`, so
 * a control, bidi or zero-width character from the file — in a URL, close reason, method,
 * profile name, id… — prints escaped (`\x1b`, `\u202e`, `\n`) and cannot add a line
 * (docs/design.md#reading-untrusted-input).
 */
export function renderText(x: CheckInput): string {
  const a = x.analysis;
  const out: string[] = [];
  const ids: (ConnId | ReqId)[] = a.connections.map((c) => c.id);
  for (const f of a.findings) if (f.req !== undefined) ids.push(f.req);
  for (const s of a.syncs) if (s.req !== undefined) ids.push(s.req);
  const id = idFormatter(ids);
  const rel = (t: number) => `+${formatDuration(t - a.startT)}`;
  const posField = x.profile.profile.position?.path ?? 'position';

  out.push(`wavetrace check ${visibleText(x.file)}`);
  const span = a.events ? `${new Date(a.startT).toISOString()}, ${formatDuration(a.endT - a.startT)}` : 'empty';
  out.push(`  input:   ${x.kind === 'har' ? 'HAR' : 'wavetrace trace'}, ${a.events} events (${span})${x.dropped ? `, ${x.dropped} dropped by capture caps` : ''}${x.previewsLost ? `, ${x.previewsLost} full preview${x.previewsLost === 1 ? '' : 's'} lost in capture` : ''}`);
  out.push(`  profile: ${x.profile.profile.name} (${x.profile.reason})`);
  if (x.profileFit?.warning) out.push(`  warning: ${x.profileFit.warning}`);
  if (x.harSkipped) out.push(`  note:    ${x.harSkipped} HAR message(s) skipped`);
  for (const w of x.warnings) out.push(`  note:    ${w}`);
  out.push('');

  out.push(`Connections: ${a.connections.length} in ${a.sessions.length} session${a.sessions.length === 1 ? '' : 's'}`);
  const byId = new Map<unknown, ConnectionInfo>(a.connections.map((c) => [c.id, c]));
  for (const s of a.sessions) {
    out.push(`  ${s.key}`);
    for (const connId of s.connections) {
      const c = byId.get(connId);
      if (c) out.push(`    ${connLine(c, a, rel, posField, id, x.entryEnds)}`, `      ${heartbeatLine(c.heartbeat)}`);
    }
  }
  out.push('');

  if (a.attempts.length > 0) {
    out.push(`Reconnect attempts: ${a.attempts.length}`);
    for (const t of a.attempts) {
      const close = t.previousClose ?? 'close';
      const delay = t.delayMs === undefined ? 'delay unknown (no close recorded)' : `${formatDuration(t.delayMs)} after ${t.failedSyncs ? `the failed sync (after ${close})` : close}`;
      const syncs = t.failedSyncs ? ` (${t.failedSyncs} failed sync${t.failedSyncs === 1 ? '' : 's'})` : '';
      out.push(`  conn ${id(t.conn)}  ${rel(t.t)}  ${delay}, k=${t.k}${syncs}, expected ${t.k === 0 ? `0…${formatDuration(t.expectedMs)}` : formatDuration(t.expectedMs)}: ${t.verdict}`);
    }
    out.push('');
  }

  if (a.syncs.length > 0) {
    out.push(`Syncs: ${a.syncs.length}`);
    for (const s of a.syncs) {
      const what = s.kind === 'http' ? `${s.method ?? 'GET'} ${s.url ?? ''}` : `sync frame on conn ${s.conn === undefined ? '?' : id(s.conn)} (cursor ${s.cursorText ?? 'none'})`;
      const res = s.outcome === 'pending' ? 'no response' : s.status !== undefined ? `HTTP ${s.status}` : s.error ? `error: ${s.error}` : s.outcome;
      out.push(`  ${rel(s.t)}  ${what}  ${res}${s.positions ? `, ${posField} ${s.positions.min}..${s.positions.max}` : ''}`);
    }
    out.push('');
  }

  out.push(`Last position: ${a.lastPosition === undefined ? 'none seen' : `${posField} ${a.lastPosition}`}`);
  out.push('');

  const n = a.counts;
  out.push(`Findings: ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.info} info`);
  for (const f of a.findings) {
    const where = [f.conn !== undefined ? `conn ${id(f.conn)}` : '', f.req !== undefined ? `req ${id(f.req)}` : ''].filter(Boolean).join(' ');
    out.push(`  ${f.severity.toUpperCase().padEnd(7)} ${rel(f.t)}  ${f.code}${where ? `  (${where})` : ''}`);
    out.push(`          ${f.message}`);
    out.push(`          hint: ${f.hint}`);
    if (f.evidence.length) out.push(`          evidence: seq ${f.evidence.join(', ')}`);
  }
  if (a.findings.length === 0) out.push('  none');
  if (a.recoveries.length > 0) {
    out.push('');
    for (const line of recoveryLines(a, rel, id)) out.push(line); // no spread: a trace may hold 100,000s of lines
  }
  return out.map(visibleText).join('\n') + '\n';
}

const OUTCOME = { true: 'ok', false: 'FAILED', null: 'inconclusive' } as const;

/**
 * The "Recoveries" block (docs/design.md#recovery-records): one line per fault with its
 * verdict, then one per step with its outcome, message, numbers and evidence.
 */
export function recoveryLines(a: Analysis, rel: (t: number) => string, id: (id: ConnId | ReqId) => string): string[] {
  const n = recoveryCounts(a.recoveries);
  const out = [`Recoveries: ${n.recovered} recovered, ${n.failed} failed, ${n.inconclusive} inconclusive`];
  for (const r of a.recoveries) {
    out.push(`  ${r.verdict.toUpperCase().padEnd(12)} ${rel(r.t)}  ${r.kind}${r.conn !== undefined ? `  (conn ${id(r.conn)})` : ''}  fault seq ${r.fault}`);
    for (const s of r.steps) {
      const nums = s.numbers ? Object.entries(s.numbers).map(([k, v]) => `${k}=${v}`).join(' ') : '';
      out.push(`    ${OUTCOME[String(s.ok) as 'true' | 'false' | 'null'].padEnd(12)} ${s.rule}: ${s.message}`);
      if (nums || s.evidence.length) out.push(`                 ${[nums, s.evidence.length ? `evidence: seq ${s.evidence.join(', ')}` : ''].filter(Boolean).join('; ')}`);
    }
  }
  return out;
}

function connLine(
  c: ConnectionInfo,
  a: Analysis,
  rel: (t: number) => string,
  posField: string,
  id: (id: ConnId | ReqId) => string,
  entryEnds: ReadonlyMap<ConnId, number> | undefined,
): string {
  // "#n" is the connection's number in creation order, as the panel and the viewer label it.
  const parts: string[] = [`#${a.connections.indexOf(c) + 1} conn ${id(c.id)}`, `created ${rel(c.created.t)}`];
  if (c.attempt !== undefined) {
    const at = a.attempts[c.attempt];
    if (at) parts.push(at.delayMs === undefined ? 'reconnect' : `reconnect after ${formatDuration(at.delayMs)}`);
  } else if (c.overlaps !== undefined) parts.push(`while conn ${id(c.overlaps)} was alive`);
  parts.push(c.opened ? `opened ${rel(c.opened.t)}` : 'never opened');
  if (c.closed) {
    const cl = c.closed;
    const reason = cl.reason ? ` "${cl.reason}"${cl.reasonMeaning ? ` (${cl.reasonMeaning})` : ''}` : '';
    parts.push(`closed ${rel(cl.t)} ${cl.code} ${cl.info.name}${reason}: ${cl.info.meaning}${cl.wasClean ? '' : ' [not clean]'}`);
  } else if (c.end.cause === 'navigation') parts.push(`ended by page navigation ${rel(c.end.t)}`);
  else if (c.end.cause === 'har-end') {
    // Only some writers record the socket's lifetime (core/har/har-writer.ts); otherwise its last event bounds it.
    parts.push(entryEnds?.has(c.id) ? `HAR entry ends ${rel(c.end.t)} (no close recorded)` : `last seen ${rel(c.end.t)} (HAR: no close recorded)`);
  }
  else parts.push('still open at the end');
  if (c.established) parts.push('established');
  if (c.hello) {
    const f = Object.entries(c.hello.fields).map(([k, v]) => `${k}=${fmtValue(v)}`);
    parts.push(`hello${f.length ? ` ${f.join(' ')}` : ''}${c.hello.position !== undefined ? ` head ${c.hello.position}` : ''}`);
  }
  if (c.positions.last !== undefined) parts.push(`last ${posField} ${c.positions.last}`);
  parts.push(`${c.framesIn} in / ${c.framesOut} out`);
  return parts.join(' · ');
}
