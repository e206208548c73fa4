/**
 * Keyboard shortcuts for calls, from the keymap (shortcuts/keymap.ts): by default Alt+Shift+letter like the
 * offer toast's (Alt+Shift+A accepts, D declines), so they work while the agent types notes, and never clash
 * with text entry; `?` opens the help when focus is not in a text field.
 */
import { DEFAULT_RESOLVED_KEYMAP, shortcutFor, type Keymap, type KeyPress, type ShortcutAction } from '../shortcuts/keymap';

export type CallShortcut = Extract<ShortcutAction, 'answer' | 'decline' | 'toggle-hold' | 'toggle-mute' | 'keypad' | 'transfer' | 'conference' | 'hang-up' | 'help'>;

const CALL_ACTIONS: ReadonlySet<string> = new Set<CallShortcut>(['answer', 'decline', 'toggle-hold', 'toggle-mute', 'keypad', 'transfer', 'conference', 'hang-up', 'help']);
const isCallShortcut = (action: ShortcutAction | null): action is CallShortcut => action !== null && CALL_ACTIONS.has(action);

/**
 * The shortcut a key press means, or null. Answer and decline are the offer toast's own keys; they are
 * listed for the help, and left to the toast while a voice offer rings (`offerRinging`).
 */
export function callShortcut(event: KeyPress, typing: boolean, offerRinging: boolean, keymap: Keymap = DEFAULT_RESOLVED_KEYMAP): CallShortcut | null {
  const action = shortcutFor(event, keymap, typing);
  if (!isCallShortcut(action)) return null;
  if ((action === 'answer' || action === 'decline') && offerRinging) return null;
  return action;
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
