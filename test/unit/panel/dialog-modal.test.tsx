// @vitest-environment happy-dom
/**
 * The Export and Settings dialogs are modals (docs/design.md#panel-and-viewer): the Export
 * dialog uses the styled `.dialog-backdrop`/`.dialog` classes (every class it renders has a rule
 * in styles.css), the focus starts on the first control, Tab and Shift+Tab wrap inside the
 * dialog, Escape closes it and the focus returns to the button that opened it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render } from '@testing-library/preact';

vi.mock('../../../src/panel/save-file', () => ({ saveFile: () => undefined }));
vi.mock('../../../src/panel/viewer-parts', () => ({ loadViewerParts: async () => ({ csp: "default-src 'none'", css: '', script: '' }) }));

import { openExportDialog } from '../../../src/panel/export-dialog';
import { SettingsDialog } from '../../../src/panel/settings-dialog';
import { createSettingsStore } from '../../../src/panel/settings-store';
import { loadedStore } from './harness';

const css = readFileSync(join(__dirname, '../../../src/panel/styles.css'), 'utf8');
/** Class names that some selector in styles.css names. */
const styled = new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!));

afterEach(() => {
  document.body.innerHTML = '';
});

/** An Export button that opens the dialog, as the toolbar does; returns once the dialog took the focus. */
async function open(): Promise<{ button: HTMLButtonElement; dialog: HTMLElement }> {
  const button = document.createElement('button');
  button.textContent = 'Export';
  document.body.appendChild(button);
  button.focus();
  openExportDialog(loadedStore());
  const dialog = document.querySelector<HTMLElement>('[role=dialog]');
  if (!dialog) throw new Error('no dialog');
  await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  return { button, dialog };
}

const tab = (shift = false): void => {
  const at = document.activeElement as HTMLElement;
  fireEvent.keyDown(at, { key: 'Tab', shiftKey: shift });
};

describe('export dialog as a modal', () => {
  it('uses the styled dialog classes, and every class it renders has a rule', async () => {
    const { dialog } = await open();
    expect(dialog.classList.contains('dialog')).toBe(true);
    expect(dialog.parentElement!.classList.contains('dialog-backdrop')).toBe(true);
    const used = new Set<string>();
    for (const el of [dialog.parentElement!, ...dialog.parentElement!.querySelectorAll('*')]) for (const c of el.classList) used.add(c);
    expect([...used].filter((c) => !styled.has(c))).toEqual([]);
  });

  it('starts on the first format; Tab from Save wraps to it, Shift+Tab from it wraps to Save', async () => {
    const { dialog } = await open();
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const save = dialog.querySelector<HTMLButtonElement>('[data-testid=export-save]')!;
    expect(document.activeElement).toBe(radios[0]);
    tab(true);
    expect(document.activeElement).toBe(save);
    tab();
    expect(document.activeElement).toBe(radios[0]);
  });

  it('the wrap lands on the checked format, the radio group being one Tab stop', async () => {
    const { dialog } = await open();
    const har = dialog.querySelector<HTMLInputElement>('input[value=har]')!;
    fireEvent.click(har);
    expect(har.checked).toBe(true);
    dialog.querySelector<HTMLButtonElement>('[data-testid=export-save]')!.focus();
    tab();
    expect(document.activeElement).toBe(har);
    tab(true);
    expect(document.activeElement).toBe(dialog.querySelector('[data-testid=export-save]'));
  });

  it('a Tab between the ends is left to the browser', async () => {
    const { dialog } = await open();
    const cancel = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!;
    cancel.focus();
    const ev = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    cancel.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(cancel);
  });

  it('Escape closes it and the focus returns to the Export button', async () => {
    const { button, dialog } = await open();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(dialog.isConnected).toBe(false);
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('a click on the backdrop closes it too', async () => {
    const { button, dialog } = await open();
    fireEvent.click(dialog.parentElement!);
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

describe('settings dialog as a modal', () => {
  it('wraps Tab at both ends and returns the focus to the ⚙ button on close', async () => {
    const settings = createSettingsStore({ get: async () => ({}), set: async () => undefined });
    const gear = document.createElement('button');
    document.body.appendChild(gear);
    gear.focus();
    const onClose = vi.fn();
    const view = render(<SettingsDialog settings={settings} onClose={onClose} />);
    const dialog = document.querySelector<HTMLElement>('[role=dialog]')!;
    await vi.waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    const first = dialog.querySelector('input')!;
    const save = [...dialog.querySelectorAll('button')].at(-1)!;
    expect(document.activeElement).toBe(first);
    tab(true);
    expect(document.activeElement).toBe(save);
    tab();
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(document.activeElement).toBe(gear);
  });
});
