/**
 * Keyboard for offers. The decision:
 * - When an offer arrives, focus moves to its Accept button, so Enter (or Space) accepts it — unless the
 *   agent is typing in a field (wrap-up notes, the filter): then focus stays put, so a keystroke meant for
 *   the text never answers an offer.
 * - Alt+Shift+A accepts and Alt+Shift+D declines the first offer from anywhere, typing or not.
 * - Escape does nothing: declining by accident would send the customer back to the queue.
 */
export const ACCEPT_SHORTCUT = 'Alt+Shift+A';
export const DECLINE_SHORTCUT = 'Alt+Shift+D';

export type OfferKey = 'accept' | 'decline' | null;

export function offerKey(event: { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): OfferKey {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === 'KeyA') return 'accept';
  if (event.code === 'KeyD') return 'decline';
  return null;
}

/** True when focus is somewhere keystrokes are text: stealing it would hijack what the agent types. */
export function isTyping(element: Element | null): boolean {
  if (element === null) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(type);
  }
  return (element as HTMLElement).isContentEditable === true;
}
