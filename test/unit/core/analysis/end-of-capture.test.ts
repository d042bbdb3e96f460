/**
 * `AnalyzeOptions.endT` (the capture's end, e.g. a trace's `endedAt` or "now" in a live panel):
 * silences of connections still open run up to it, not just to the last event.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { Scenario, only } from './scenario';

/** Open at 0, pings at 30 s and 60 s answered, then nothing more is recorded. */
const quietAfterPings = () => new Scenario().connect(1).wait(10).hello(1).at(30000).ping(1).wait(5).pong(1).at(60000).ping(1).wait(5).pong(1);

describe('end of capture (endT)', () => {
  it('a silence running until the capture ended is a suspected silent drop', () => {
    const s = quietAfterPings();
    const lastT = s.events[s.events.length - 1]!.t;
    const a = analyze(s.events as never, SCAIWAVE_PROFILE, { endT: lastT + 61000 });
    const f = only(a, 'silent-drop-suspected');
    expect(f).toHaveLength(1);
    expect(a.endT).toBe(lastT + 61000);
  });

  it('without endT the trace ends at its last event: no silence, no finding', () => {
    const a = analyze(quietAfterPings().events as never, SCAIWAVE_PROFILE);
    expect(only(a, 'silent-drop-suspected')).toEqual([]);
  });

  it('an endT earlier than the last event is ignored', () => {
    const s = quietAfterPings();
    const lastT = s.events[s.events.length - 1]!.t;
    expect(analyze(s.events as never, SCAIWAVE_PROFILE, { endT: lastT - 5000 }).endT).toBe(lastT);
  });
});

describe('messages near a limit', () => {
  it('print ms when 0.1 s precision would make the delay look equal to its limit', async () => {
    const { fmtAgainst } = await import('../../../../src/core/analysis/format');
    expect(fmtAgainst(4001, 4000)).toEqual(['4001 ms', '4000 ms']);
    expect(fmtAgainst(5000, 4000)).toEqual(['5.0 s', '4.0 s']);
    expect(fmtAgainst(300, 500)).toEqual(['300 ms', '500 ms']);
  });
});
