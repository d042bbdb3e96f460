import { describe, expect, it } from 'vitest';
import { withConnLabels } from '../../../../src/core/view/conn-labels';

describe('connection labels in finding messages', () => {
  it('replaces hook connection ids that have a label and leaves the rest', () => {
    const labels: Record<string, string> = { '1njgufblhqyz.1': '#1', '1njgufblhqyz.2': '#2' };
    expect(withConnLabels('connection 1njgufblhqyz.1 closed 1006; 1njgufblhqyz.2 overlapped', (id) => labels[id])).toBe('connection #1 closed 1006; #2 overlapped');
    expect(withConnLabels('connection zzzzzzzz.9 and stream_position 3.5 s', (id) => labels[id])).toBe('connection zzzzzzzz.9 and stream_position 3.5 s');
  });

  it('replaces the ids a HAR import gives its connections', () => {
    const labels: Record<string, string> = { 'har-0': '#1', 'har-1': '#2', 'har-3-2': '#3' };
    expect(withConnLabels('har-1 carries stream_position 43 after har-0 closed; har-3-2 too; har-9 unknown; shar-1x', (id) => labels[id])).toBe('#2 carries stream_position 43 after #1 closed; #3 too; har-9 unknown; shar-1x');
  });
});
