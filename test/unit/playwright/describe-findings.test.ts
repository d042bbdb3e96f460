/** The fixture's severity threshold and the findings text of a failed `toHaveNoFindings`. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/analysis/types';
import { atLeast } from '../../../src/playwright/recording';
import { describeFindings } from '../../../src/playwright/describe-findings';

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
});
