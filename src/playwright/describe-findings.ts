/**
 * Findings as text for a failed assertion: one line per finding, where it happened (the page,
 * the socket and the time into the recording), then its hint
 * (docs/design.md#package-and-playwright-fixture).
 */
import type { Finding } from '../core/analysis/types';
import type { TraceEvent } from '../core/events';
import { formatDuration } from '../core/format';
import { redactUrl } from '../core/redact';

/** A finding with where it happened, as the fixture's failure message names it. */
export interface PlacedFinding {
  finding: Finding;
  /** e.g. `page http://127.0.0.1:3000/, socket ws://127.0.0.1:3000/stream, 2.4 s into the recording`. */
  where: string;
}

/**
 * Where `f` happened among one page's `events`: the page's URL and the URL of the finding's
 * socket (`ws-create.url`), both redacted like an exported trace, and the time from the page's first
 * recorded event to the finding (`Finding.t`, ms since the Unix epoch). Parts that are unknown
 * are left out.
 */
export function placeFinding(f: Finding, events: readonly TraceEvent[], pageUrl: string): string {
  const parts: string[] = [];
  if (pageUrl) parts.push(`page ${redactUrl(pageUrl)}`);
  if (f.conn !== undefined) {
    const created = events.find((e) => e.type === 'ws-create' && e.conn === f.conn);
    if (created && created.type === 'ws-create') parts.push(`socket ${redactUrl(created.url)}`);
  }
  const first = events[0];
  if (first && f.t >= first.t) parts.push(`${formatDuration(f.t - first.t)} into the recording`);
  return parts.join(', ');
}

/** "  error sync-skipped: <message>\n      at: <where>\n      hint: <hint>" per finding. */
export function describeFindings(findings: readonly (Finding | PlacedFinding)[]): string {
  return findings
    .map((x) => {
      const f = 'finding' in x ? x.finding : x;
      const where = 'finding' in x && x.where ? `\n      at: ${x.where}` : '';
      return `  ${f.severity} ${f.code}: ${f.message}${where}${f.hint ? `\n      hint: ${f.hint}` : ''}`;
    })
    .join('\n');
}
