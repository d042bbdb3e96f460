/**
 * After every fill, the live panel (rows, positions, analysis, byte counters) must equal a
 * panel that received the full frames directly. Frames padded past 256 chars, budget 0.
 */
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../../src/core/events';
import { Recorder, type RawEvent } from '../../../../src/page/recorder';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import { PanelStore } from '../../../../src/panel/store';
import { nodeNatives } from '../node-natives';
import { manualScheduler } from '../../panel/harness';
import { skipSyncEvents } from '../../core/view/fixtures';
import { rowPreview, sizeLabel, positionLabel } from '../../../../src/core/view/row-text';

const pad = (s: string): string => (s.startsWith('{') ? s.slice(0, -1) + ',"pad":"' + 'é'.repeat(300) + '"}' : s + 'y'.repeat(300));
function padded(): TraceEvent[] {
  return skipSyncEvents().map((e) => (e.type === 'ws-message' || e.type === 'ws-send' ? { ...e, data: pad(e.data), size: Buffer.byteLength(pad(e.data)) } : e)) as TraceEvent[];
}

function snapshot(store: PanelStore) {
  store.flush();
  const ctx = store.textContext();
  const rows = Array.from({ length: store.index.rowCount }, (_, r) => [store.index.kindName(r), sizeLabel(ctx, r), positionLabel(ctx, r), rowPreview(ctx, r).slice(0, 40)]);
  const a = store.analysis.value!;
  return {
    rows,
    findings: a.findings.map((f) => `${f.code} ${f.severity} ${f.seq} ${f.evidence.join(',')} ${f.message}`),
    bytes: [...store.state.connections.values()].map((c) => [c.bytesIn, c.bytesOut]),
    conns: a.connections?.map((c: { bytesIn?: number; bytesOut?: number }) => [c.bytesIn, c.bytesOut]),
  };
}

describe('fill → re-classification', () => {
  it('a panel whose frames all came short and were filled equals one that got them in full', () => {
    const evs = padded();
    const mk = (budget: number) => {
      const store = new PanelStore(manualScheduler(), () => evs.at(-1)!.t + 1000);
      const timers: (() => void)[] = [];
      const rec = new Recorder(nodeNatives(timers), (b) => store.ingest(JSON.parse(JSON.stringify(fromWireBatch(b))) as EventBatch), { src: 's', frameUrl: 'https://app.example.com/', top: true }, { liveBurstBytes: budget, liveBytesPerSec: 0, livePreviewCap: 256 });
      rec.start(0);
      for (const e of evs) {
        const { seq: _s, ...rest } = e as TraceEvent & Record<string, unknown>;
        if (e.type === 'ws-message' || e.type === 'ws-send') {
          const { opcode: _o, size: _z, data, encoding: _e, truncated: _t, ...r } = rest as Record<string, unknown>;
          rec.record({ ...(r as object), payload: { opcode: 1, text: data as string, size: -1, truncated: false, weight: (data as string).length * 2 } } as unknown as RawEvent);
        } else rec.record(rest as unknown as RawEvent);
      }
      return { store, rec, timers };
    };
    const full = mk(1e12);
    full.rec.flush(false);
    const want = snapshot(full.store);

    const cut = mk(0);
    cut.rec.flush(false);
    const during = snapshot(cut.store);
    // While pending: nothing shows -1 / NaN in the findings.
    expect(during.findings.join('\n')).not.toMatch(/-1\b|NaN|undefined/);
    console.log('during', JSON.stringify(during, null, 0));
    expect(cut.store.state.pendingPreviews.size).toBeGreaterThan(0);
    for (let i = 0; i < 50 && cut.rec.owedCount > 0; i++) cut.rec.flush(false);
    expect(cut.store.state.pendingPreviews.size).toBe(0);
    const after = snapshot(cut.store);
    expect(after).toEqual(want);
  });
});
