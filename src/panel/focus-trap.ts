/**
 * Keeps Tab inside a modal dialog (WAI-ARIA Authoring Practices, "Dialog (Modal)" keyboard
 * interaction; docs/design.md#panel-and-viewer): Tab from the last control goes to the first,
 * Shift+Tab from the first goes to the last. The browser moves the focus everywhere else.
 */

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]';

/**
 * The dialog's Tab stops in document order: enabled controls without `tabindex="-1"`, and of
 * each radio group only the checked radio (the first one when none is checked), as the browser
 * tabs through them.
 */
export function tabStops(dialog: HTMLElement): HTMLElement[] {
  const stops: HTMLElement[] = [];
  const groups = new Set<string>();
  for (const el of dialog.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if ((el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1' || el.hidden) continue;
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      if (groups.has(el.name)) continue;
      const group = [...dialog.querySelectorAll<HTMLInputElement>('input[type=radio]')].filter((r) => r.name === el.name && !r.disabled);
      const stop = group.find((r) => r.checked) ?? group[0];
      if (!stop) continue;
      groups.add(el.name);
      stops.push(stop);
      continue;
    }
    stops.push(el);
  }
  return stops;
}

/**
 * The dialog's keydown step for Tab: wraps the focus at either end and returns true (the
 * event's default is prevented); returns false for any other key or a Tab the browser handles.
 */
export function trapTab(ev: KeyboardEvent, dialog: HTMLElement): boolean {
  if (ev.key !== 'Tab') return false;
  const stops = tabStops(dialog);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) {
    ev.preventDefault();
    return true;
  }
  const at = document.activeElement;
  const inside = at instanceof HTMLElement && dialog.contains(at);
  if (ev.shiftKey ? at === first || !inside : at === last || !inside) {
    ev.preventDefault();
    (ev.shiftKey ? last : first).focus();
    return true;
  }
  return false;
}
