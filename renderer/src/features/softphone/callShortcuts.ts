/**
 * Keyboard shortcuts for calls. Alt+Shift+letter like the offer toast's (Alt+Shift+A accepts, D declines),
 * so they work while the agent types notes, and never clash with text entry; `?` opens the help when
 * focus is not in a text field.
 */
export type CallShortcut = 'answer' | 'decline' | 'toggle-hold' | 'toggle-mute' | 'keypad' | 'transfer' | 'conference' | 'hang-up' | 'help';

export const CALL_SHORTCUTS: readonly { shortcut: CallShortcut; keys: string; code: string; label: string }[] = [
  { shortcut: 'answer', keys: 'Alt+Shift+A', code: 'KeyA', label: 'Answer the ringing call (accept the offer)' },
  { shortcut: 'decline', keys: 'Alt+Shift+D', code: 'KeyD', label: 'Decline the ringing call' },
  { shortcut: 'toggle-hold', keys: 'Alt+Shift+H', code: 'KeyH', label: 'Hold / Resume' },
  { shortcut: 'toggle-mute', keys: 'Alt+Shift+M', code: 'KeyM', label: 'Mute / Unmute' },
  { shortcut: 'keypad', keys: 'Alt+Shift+K', code: 'KeyK', label: 'Show the keypad (DTMF)' },
  { shortcut: 'transfer', keys: 'Alt+Shift+T', code: 'KeyT', label: 'Transfer to a queue, an agent or a number' },
  { shortcut: 'conference', keys: 'Alt+Shift+C', code: 'KeyC', label: 'Conference the two calls' },
  { shortcut: 'hang-up', keys: 'Alt+Shift+E', code: 'KeyE', label: 'Hang up (end the call)' },
  { shortcut: 'help', keys: '?', code: 'Slash', label: 'Show these shortcuts' },
];

export const shortcutKeys = (shortcut: CallShortcut): string => CALL_SHORTCUTS.find((s) => s.shortcut === shortcut)?.keys ?? '';

type KeyLike = { altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string; key: string };

/**
 * The shortcut a key press means, or null. Answer and decline are the offer toast's own keys; they are
 * listed for the help, and left to the toast while a voice offer rings (`offerRinging`).
 */
export function callShortcut(event: KeyLike, typing: boolean, offerRinging: boolean): CallShortcut | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (!event.altKey) return event.key === '?' && !typing ? 'help' : null;
  if (!event.shiftKey) return null;
  const found = CALL_SHORTCUTS.find((s) => s.code === event.code && s.shortcut !== 'help');
  if (!found) return null;
  if ((found.shortcut === 'answer' || found.shortcut === 'decline') && offerRinging) return null;
  return found.shortcut;
}

/** mm:ss, or h:mm:ss past an hour. */
export function callDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
