/**
 * Hook batches travel as text: the hub reads only their last seq (for its marks), and the panel
 * parses and validates them: a well-formed batch of that relay's hook passes, anything else is
 * dropped.
 */
import { describe, expect, it } from 'vitest';
import { isHookBatchText, lastSeqOfHookText, panelBatch, parseHookBatchText } from '../../../../src/core/bridge/validate-batch';

const batch = { src: 'abc', frameUrl: 'https://x/', top: true, events: [{ seq: 1, t: 1, type: 'ws-error', conn: 'abc.1' }] };
const text = JSON.stringify({ kind: 'hook-batch', last: 1, batch });

describe('hook batches as text', () => {
  it('passes a batch of the relay’s own hook', () => {
    expect(isHookBatchText(text)).toBe(true);
    expect(parseHookBatchText(text, 'abc')).toEqual(batch);
  });

  it('drops a batch claiming another source, unknown event types, broken JSON and other shapes', () => {
    expect(parseHookBatchText(text, 'other')).toBeUndefined();
    expect(parseHookBatchText(JSON.stringify({ kind: 'hook-batch', batch: { ...batch, events: [{ seq: 1, t: 1, type: 'rm-rf' }] } }), 'abc')).toBeUndefined();
    expect(parseHookBatchText(text.slice(0, -3), 'abc')).toBeUndefined();
    expect(parseHookBatchText('{"kind":"hook-batch","batch":null}', 'abc')).toBeUndefined();
    expect(parseHookBatchText(JSON.stringify({ kind: 'hook-batch', batch: { ...batch, busy: 1 } }), 'abc')).toBeUndefined();
    expect(parseHookBatchText(JSON.stringify({ kind: 'hook-batch', batch: { ...batch, busy: true } }), 'abc')).toEqual({ ...batch, busy: true });
    expect(isHookBatchText('{"kind":"relay-start"}')).toBe(false);
    expect(isHookBatchText(42)).toBe(false);
  });

  it('a panel takes live batches while recording, only fills while paused, and marks a popup’s batch as not the top frame’s', () => {
    const fill = JSON.stringify({ kind: 'hook-batch', last: 0, batch: { ...batch, fill: true } });
    expect(panelBatch(text, 'abc', false)).toEqual(batch);
    expect(panelBatch(text, 'abc', true)).toBeUndefined();
    expect(panelBatch(fill, 'abc', true)?.fill).toBe(true);
    expect(panelBatch(text, 'abc', false, true)?.top).toBe(false);
    expect(panelBatch(text, 'other', false)).toBeUndefined();
  });

  it('reads the last seq from the head of the text only, and 0 when it is not a plain integer there', () => {
    expect(lastSeqOfHookText(text)).toBe(1);
    expect(lastSeqOfHookText(JSON.stringify({ kind: 'hook-batch', last: 123456, batch }))).toBe(123456);
    expect(lastSeqOfHookText(JSON.stringify({ kind: 'hook-batch', batch }))).toBe(0);
    expect(lastSeqOfHookText('{"kind":"hook-batch","last":1e99,')).toBe(0);
    expect(lastSeqOfHookText('{"kind":"hook-batch","last":-5,')).toBe(0);
  });
});
