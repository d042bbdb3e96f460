/** The fixture's severity threshold and the findings text of a failed `toHaveNoFindings`. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/analysis/types';
import { atLeast } from '../../../src/playwright/recording';
import { describeFindings, placeFinding } from '../../../src/playwright/describe-findings';
import type { TraceEvent } from '../../../src/core/events';

const f = (code: Finding['code'], severity: Finding['severity'], hint = ''): Finding => ({ code, severity, t: 1, seq: 1, evidence: [1], message: `${code} happened`, hint });

describe('fixture findings', () => {
  it('keeps findings at or above the threshold', () => {
    const all = [f('sync-skipped', 'error'), f('heartbeat-missed', 'warning'), f('coverage-worker', 'info')];
    expect(all.filter((x) => atLeast(x, 'error')).map((x) => x.code)).toEqual(['sync-skipped']);
    expect(all.filter((x) => atLeast(x, 'warning')).map((x) => x.code)).toEqual(['sync-skipped', 'heartbeat-missed']);
    expect(all.filter((x) => atLeast(x, 'info'))).toHaveLength(3);
  });

  it('writes one line per finding, then its hint', () => {
    expect(describeFindings([f('sync-skipped', 'error', 'call /v1/sync first'), f('heartbeat-missed', 'warning')])).toBe(
      '  error sync-skipped: sync-skipped happened\n      hint: call /v1/sync first\n  warning heartbeat-missed: heartbeat-missed happened',
    );
  });

  it('names the page, the socket (redacted) and the time into the recording', () => {
    const events = [
      { seq: 1, t: 1000, type: 'page-visibility', state: 'visible' },
      { seq: 2, t: 1100, type: 'ws-create', conn: 'a.1', url: 'ws://127.0.0.1:9/stream?token=s3cret', protocols: [], frameUrl: 'http://127.0.0.1:9/' },
      { seq: 3, t: 1200, type: 'ws-create', conn: 'a.2', url: 'ws://127.0.0.1:9/other', protocols: [], frameUrl: 'http://127.0.0.1:9/' },
    ] as unknown as TraceEvent[];
    const finding = { ...f('sync-skipped', 'error'), t: 3400, conn: 'a.1' };
    const where = placeFinding(finding, events, 'http://127.0.0.1:9/?api_key=k');
    expect(where).toMatch(/^page http:\/\/127\.0\.0\.1:9\/\?api_key=\S+, socket ws:\/\/127\.0\.0\.1:9\/stream\?token=\S+, 2\.4 s into the recording$/);
    expect(where).not.toContain('s3cret');
    expect(where).not.toContain('api_key=k,');
    // No connection, no page URL: only the time.
    expect(placeFinding({ ...f('coverage-worker', 'info'), t: 1000 }, events, '')).toBe('0 ms into the recording');
    expect(describeFindings([{ finding, where: 'page p' }])).toBe('  error sync-skipped: sync-skipped happened\n      at: page p');
  });
});
