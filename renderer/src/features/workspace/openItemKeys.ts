/**
 * Alt+↑ / Alt+↓ walk the open items (the work list's order) from anywhere but a text field, so the agent
 * switches interactions without the mouse. Pure, so it is tested without a DOM.
 */
import { DEFAULT_RESOLVED_KEYMAP, shortcutFor, type Keymap } from '../shortcuts/keymap';

type Key = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** The item to show after this key, or null when the key is not ours (or there is nowhere to go). */
export function nextOpenItem(
  event: Key,
  open: readonly { workitemId: string }[],
  selectedId: string | null,
  typing: boolean,
  keymap: Keymap = DEFAULT_RESOLVED_KEYMAP,
): string | null {
  // Arrows with Alt move the caret by words in some fields, so these never act while the agent types.
  if (typing || open.length === 0) return null;
  const action = shortcutFor(event, keymap, false);
  const step = action === 'next-item' ? 1 : action === 'previous-item' ? -1 : 0;
  if (step === 0) return null;
  const at = open.findIndex((item) => item.workitemId === selectedId);
  const next = at === -1 ? 0 : (at + step + open.length) % open.length;
  return open[next].workitemId === selectedId ? null : open[next].workitemId;
}
