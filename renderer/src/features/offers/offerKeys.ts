/**
 * Keyboard for offers. The decision:
 * - When an offer arrives, focus moves to its Accept button, so Enter (or Space) accepts it — unless the
 *   agent is typing in a field (wrap-up notes, the filter): then focus stays put, so a keystroke meant for
 *   the text never answers an offer.
 * - Alt+Shift+A accepts and Alt+Shift+D declines the first offer from anywhere, typing or not (the
 *   keymap's answer and decline, remappable in settings).
 * - Escape does nothing: declining by accident would send the customer back to the queue.
 */
import { DEFAULT_RESOLVED_KEYMAP, shortcutFor, type KeyPress, type Keymap } from '../shortcuts/keymap';

export type OfferKey = 'accept' | 'decline' | null;

/** Accept and decline are the keymap's answer and decline (remappable); they work while typing only as chords with Alt/Ctrl/Meta. */
export function offerKey(event: KeyPress, keymap: Keymap = DEFAULT_RESOLVED_KEYMAP, typing = false): OfferKey {
  const action = shortcutFor(event, keymap, typing);
  if (action === 'answer') return 'accept';
  if (action === 'decline') return 'decline';
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
