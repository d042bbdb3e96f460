import { describe, expect, it } from 'vitest';
import { withConnLabels } from '../../../../src/core/view/conn-labels';

describe('connection labels in finding messages', () => {
  it('replaces hook connection ids that have a label and leaves the rest', () => {
    const labels: Record<string, string> = { '1njgufblhqyz.1': '#1', '1njgufblhqyz.2': '#2' };
    expect(withConnLabels('connection 1njgufblhqyz.1 closed 1006; 1njgufblhqyz.2 overlapped', (id) => labels[id])).toBe('connection #1 closed 1006; #2 overlapped');
    expect(withConnLabels('connection zzzzzzzz.9 and stream_position 3.5 s', (id) => labels[id])).toBe('connection zzzzzzzz.9 and stream_position 3.5 s');
  });
});
