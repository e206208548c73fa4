/**
 * Keeping Tab inside a modal dialog: at the last focusable element Tab wraps to the first, at the first
 * Shift+Tab wraps to the last; in between the browser's own order is left alone.
 */
const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

export function focusableWithin(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest('[hidden], [inert]'));
}

/**
 * The index Tab must move focus to instead of the browser's choice, or null to let the browser move it.
 * `index` is the focused element's place among `count` focusable ones, -1 when focus is on none of them
 * (on the dialog itself).
 */
export function wrapTarget(index: number, count: number, backwards: boolean): number | null {
  if (count === 0) return -1;
  if (index === -1) return backwards ? count - 1 : 0;
  if (backwards && index === 0) return count - 1;
  if (!backwards && index === count - 1) return 0;
  return null;
}

/** Handles a Tab keydown inside `container`: returns true when it moved focus (the caller prevents the default). */
export function trapTab(event: { key: string; shiftKey: boolean }, container: HTMLElement): boolean {
  if (event.key !== 'Tab') return false;
  const focusable = focusableWithin(container);
  const active = container.ownerDocument.activeElement;
  const target = wrapTarget(focusable.findIndex((element) => element === active), focusable.length, event.shiftKey);
  if (target === null) return false;
  (target === -1 ? container : focusable[target]).focus();
  return true;
}
