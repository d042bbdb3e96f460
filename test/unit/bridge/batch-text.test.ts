/**
 * The relay forwards hook batches as text and the hub parses and validates them: a well-formed
 * batch of that relay's hook passes, anything else is dropped.
 */
import { describe, expect, it } from 'vitest';
import { parseHookBatchText } from '../../../src/background/hub';
import { isHookBatchText } from '../../../src/core/bridge/validate-batch';

const batch = { src: 'abc', frameUrl: 'https://x/', top: true, events: [{ seq: 1, t: 1, type: 'ws-error', conn: 'abc.1' }] };
const text = JSON.stringify({ kind: 'hook-batch', batch });

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
    expect(isHookBatchText('{"kind":"relay-start"}')).toBe(false);
    expect(isHookBatchText(42)).toBe(false);
  });
});
