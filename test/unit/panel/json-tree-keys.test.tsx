// @vitest-environment happy-dom
/**
 * The JSON tree follows the WAI-ARIA tree pattern (docs/design.md#panel-and-viewer): one Tab
 * stop (roving tabindex), Down moves into child keys, Up back, Right expands or enters, Left
 * collapses or goes to the parent, Home/End jump.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { JsonTree } from '../../../src/panel/json-tree';

afterEach(cleanup);

/** The focused treeitem's own key (or "root"). */
const at = (): string => {
  const el = document.activeElement as HTMLElement;
  expect(el.getAttribute('role')).toBe('treeitem');
  const row = el.classList.contains('jnode') ? el.querySelector('.jrow')! : el;
  return row.querySelector('.jk')?.textContent ?? 'root';
};
const key = (k: string): void => void fireEvent.keyDown(document.activeElement!, { key: k });

describe('JSON tree keyboard', () => {
  it('Down moves into child keys and Up back; one Tab stop follows the focus', () => {
    const { getByRole } = render(<JsonTree value={{ type: 'event', data: { id: 7, tags: ['a'] }, n: 1 }} />);
    const tree = getByRole('tree');
    const stops = (): number => tree.querySelectorAll('[tabindex="0"]').length;
    expect(stops()).toBe(1);
    (tree.querySelector('[role=treeitem]') as HTMLElement).focus();
    expect(at()).toBe('root');
    key('ArrowDown');
    expect(at()).toBe('type');
    key('ArrowDown');
    expect(at()).toBe('data');
    key('ArrowDown');
    expect(at()).toBe('id');
    key('ArrowUp');
    expect(at()).toBe('data');
    expect(stops()).toBe(1);
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    key('End');
    expect(at()).toBe('n');
    key('Home');
    expect(at()).toBe('root');
  });

  it('Left collapses an open node, then goes to its parent; Right expands, then enters', () => {
    const { getByRole } = render(<JsonTree value={{ data: { id: 7 } }} />);
    const tree = getByRole('tree');
    (tree.querySelector('[role=treeitem]') as HTMLElement).focus();
    key('ArrowDown');
    expect(at()).toBe('data');
    const data = document.activeElement as HTMLElement;
    key('ArrowLeft');
    expect(data.getAttribute('aria-expanded')).toBe('false');
    expect(at()).toBe('data');
    key('ArrowLeft');
    expect(at()).toBe('root');
    data.focus();
    key('ArrowRight');
    expect(data.getAttribute('aria-expanded')).toBe('true');
    expect(at()).toBe('data');
    key('ArrowRight');
    expect(at()).toBe('id');
    key('ArrowLeft');
    expect(at()).toBe('data');
  });
});
