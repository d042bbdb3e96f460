// @vitest-environment happy-dom
/**
 * The learned profile in the panel (docs/design.md#where-a-profile-comes-from): a capture no
 * preset matches is analysed with the learned profile; the header lists its parts, and a click
 * on a part marks the frames that taught it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { LearnedParts } from '../../../src/panel/learned-parts';
import { chat } from '../core/profile/learn/protocols';
import { loadedStore } from './harness';

afterEach(cleanup);

describe('LearnedParts', () => {
  it('a loaded own-protocol trace: learned profile, sync-skipped, parts whose click marks their frames', () => {
    const events = chat({ skipSync: true });
    const store = loadedStore(events);
    expect(store.profile.value.reason).toMatch(/^learned from the capture \(no preset matched\): position seq/);
    expect(store.analysis.value?.findings.filter((f) => f.code === 'sync-skipped')).toHaveLength(2);
    const { getByText } = render(<LearnedParts store={store} />);
    const pos = store.profile.value.learned!.parts.find((p) => p.part === 'position')!;
    const button = getByText('position 0.95');
    expect(button.getAttribute('title')).toBe(pos.note);
    fireEvent.click(button);
    expect(store.evidence.value.map((i) => events[i]!.seq)).toEqual([...pos.evidence].sort((a, b) => a - b));
    expect(getByText('hello 0.00').className).toContain('muted');
  });

  it('renders nothing for a preset', () => {
    const store = loadedStore();
    const { container } = render(<LearnedParts store={store} />);
    expect(container.innerHTML).toBe('');
  });
});
