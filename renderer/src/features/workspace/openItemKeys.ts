/**
 * Alt+↑ / Alt+↓ walk the open items (the work list's order) from anywhere but a text field, so the agent
 * switches interactions without the mouse. Pure, so it is tested without a DOM.
 */
export const PREVIOUS_ITEM_SHORTCUT = 'Alt+ArrowUp';
export const NEXT_ITEM_SHORTCUT = 'Alt+ArrowDown';

type Key = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** The item to show after this key, or null when the key is not ours (or there is nowhere to go). */
export function nextOpenItem(event: Key, open: readonly { workitemId: string }[], selectedId: string | null, typing: boolean): string | null {
  if (typing || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || open.length === 0) return null;
  const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return null;
  const at = open.findIndex((item) => item.workitemId === selectedId);
  const next = at === -1 ? 0 : (at + step + open.length) % open.length;
  return open[next].workitemId === selectedId ? null : open[next].workitemId;
}
