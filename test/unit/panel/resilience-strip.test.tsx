// @vitest-environment happy-dom
/**
 * The resilience card in the viewer (docs/design.md#panel-and-viewer): a loaded trace with a
 * fault shows the strip open with a row per fault and its judged steps; the tree is keyboard
 * navigable and a selected step marks its evidence; Escape closes the strip; connections are
 * named by their #n.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import type { TraceEvent, UnsequencedEvent } from '../../../src/core/events';
import { ResilienceStrip } from '../../../src/panel/resilience-strip';
import { loadedStore } from './harness';

afterEach(cleanup);

const T0 = 1_700_000_000_000;
const URL = 'wss://app.example.com/v1/stream?token=a';

/** A scaiwave session: events 1–3, a drop, a reconnect that resumes at 4 without the sync. */
function droppedWithoutSync(): TraceEvent[] {
  const ev: UnsequencedEvent[] = [];
  const frame = (t: number, conn: string, data: string): UnsequencedEvent => ({ type: 'ws-message', t, conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
  ev.push({ type: 'ws-create', t: T0, conn: 'p.1', url: URL, protocols: [], frameUrl: 'https://app.example.com/' });
  ev.push({ type: 'ws-open', t: T0 + 20, conn: 'p.1', protocol: '', extensions: '' });
  ev.push(frame(T0 + 30, 'p.1', '{"type":"hello","tenant_id":"t","stream_position":0}'));
  for (let i = 1; i <= 3; i++) ev.push(frame(T0 + 100 * i, 'p.1', `{"type":"event","stream_position":${i}}`));
  ev.push({ type: 'fault', t: T0 + 12000, kind: 'drop', conn: 'p.1', origin: 'panel' });
  ev.push({ type: 'ws-error', t: T0 + 12001, conn: 'p.1', synthetic: true });
  ev.push({ type: 'ws-close', t: T0 + 12001, conn: 'p.1', code: 1006, reason: '', wasClean: false, synthetic: true });
  ev.push({ type: 'ws-create', t: T0 + 12100, conn: 'p.2', url: URL, protocols: [], frameUrl: 'https://app.example.com/' });
  ev.push({ type: 'ws-open', t: T0 + 12120, conn: 'p.2', protocol: '', extensions: '' });
  ev.push(frame(T0 + 12130, 'p.2', '{"type":"hello","tenant_id":"t","stream_position":4}'));
  ev.push(frame(T0 + 12200, 'p.2', '{"type":"event","stream_position":5}'));
  ev.push(frame(T0 + 14000, 'p.2', '{"type":"event","stream_position":6}'));
  return ev.map((e, i) => ({ ...e, seq: i + 1 }) as TraceEvent);
}

describe('ResilienceStrip (viewer)', () => {
  it('shows the card of a loaded trace with a fault; keyboard moves, selects and closes', () => {
    const events = droppedWithoutSync();
    const store = loadedStore(events);
    const rec = store.analysis.value!.recoveries;
    expect(rec.map((r) => [r.fault, r.verdict])).toEqual([[7, 'failed']]);
    const { getByTestId, container } = render(<ResilienceStrip store={store} />);
    expect(getByTestId('resilience-strip').querySelector('strong')!.textContent).toBe('Recoveries — 1 fault in this trace');
    const row = container.querySelector<HTMLElement>('.rc-row[data-key="r0"]')!;
    expect(row.querySelector('.rc-verdict')!.textContent).toBe('failed');
    expect(row.querySelector('.rc-label')!.textContent).toBe('drop');
    // A failed row starts expanded, its steps in rule order.
    expect(row.getAttribute('aria-expanded')).toBe('true');
    const rules = [...container.querySelectorAll('.rc-step .rc-rule')].map((e) => e.textContent);
    expect(rules).toEqual(rec[0]!.steps.map((s) => s.rule));
    const synced = rules.indexOf('synced');
    expect(container.querySelectorAll('.rc-step .rc-mark')[synced]!.textContent).toBe('✗');
    // Keyboard: down to the synced step, Enter marks its evidence.
    row.focus();
    for (let i = 0; i <= synced; i++) fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-key')).toBe(`r0s${synced}`);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(store.evidence.value.map((i) => events[i]!.seq)).toEqual([...rec[0]!.steps[synced]!.evidence].sort((a, b) => a - b));
    expect(store.evidence.value.length).toBeGreaterThan(0);
    // Left goes back to the row, Left again collapses it.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement?.getAttribute('data-key')).toBe('r0');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(row.getAttribute('aria-expanded')).toBe('false');
    // Enter on the row marks the fault and all its steps' evidence.
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(store.evidence.value.map((i) => events[i]!.seq)).toContain(7);
    // Escape closes the strip.
    fireEvent.keyDown(row, { key: 'Escape' });
    expect(container.querySelector('[data-testid="resilience-strip"]')).toBeNull();
  });

  it('names connections by their #n, as the table does, not by their hook ids', () => {
    const events = droppedWithoutSync().map((e) => ('conn' in e ? { ...e, conn: e.conn === 'p.1' ? '1e9nnhs1tv6gq9.1' : '1e9nnhs1tv6gq9.2' } : e) as TraceEvent);
    const store = loadedStore(events);
    const { container } = render(<ResilienceStrip store={store} />);
    const row = container.querySelector<HTMLElement>('.rc-row[data-key="r0"]')!;
    expect(row.querySelector('.rc-line .muted')!.textContent).toBe('#1');
    expect(container.querySelectorAll('.rc-step').length).toBeGreaterThan(0);
    expect(container.textContent).not.toContain('1e9nnhs1tv6gq9');
  });

  it('renders nothing for a loaded trace without faults', () => {
    const { container } = render(<ResilienceStrip store={loadedStore()} />);
    expect(container.innerHTML).toBe('');
  });
});
