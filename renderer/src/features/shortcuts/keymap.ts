/**
 * Every keyboard shortcut of the agent's screen in one table, its default keys, and the agent's
 * remapping (the `keyboardShortcuts` setting: `{"toggle-hold": "Alt+Shift+J"}`), checked with zod so a
 * key that cannot be typed, or two actions on one key, is refused when saved rather than discovered on
 * a live call. Pure, so it is tested without a DOM.
 *
 * Shortcuts with Alt, Ctrl or Meta work while the agent types (they never produce text); a plain key
 * such as `?` or `/` works only outside text fields, so typing never triggers one or loses focus.
 */
import { z } from 'zod';

export const SHORTCUT_ACTIONS = [
  'answer',
  'decline',
  'toggle-hold',
  'toggle-mute',
  'keypad',
  'transfer',
  'conference',
  'hang-up',
  'next-item',
  'previous-item',
  'focus-search',
  'dial',
  'open-settings',
  'help',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export const SHORTCUT_LABELS: Readonly<Record<ShortcutAction, string>> = {
  answer: 'Answer the ringing call (accept the offer)',
  decline: 'Decline the ringing call (the offer)',
  'toggle-hold': 'Hold / Resume',
  'toggle-mute': 'Mute / Unmute',
  keypad: 'Show the keypad (DTMF)',
  transfer: 'Transfer to a queue, an agent or a number',
  conference: 'Conference the two calls',
  'hang-up': 'Hang up (end the call)',
  'next-item': 'Next item in the work list',
  'previous-item': 'Previous item in the work list',
  'focus-search': 'Search the inbox',
  dial: 'Dial a number',
  'open-settings': 'Settings',
  help: 'Show these shortcuts',
};

export const DEFAULT_KEYMAP: Readonly<Record<ShortcutAction, string>> = {
  answer: 'Alt+Shift+A',
  decline: 'Alt+Shift+D',
  'toggle-hold': 'Alt+Shift+H',
  'toggle-mute': 'Alt+Shift+M',
  keypad: 'Alt+Shift+K',
  transfer: 'Alt+Shift+T',
  conference: 'Alt+Shift+C',
  'hang-up': 'Alt+Shift+E',
  'next-item': 'Alt+ArrowDown',
  'previous-item': 'Alt+ArrowUp',
  'focus-search': '/',
  dial: 'Alt+Shift+N',
  'open-settings': 'Alt+Shift+S',
  help: '?',
};

/** The setting's key in the settings store. */
export const KEYMAP_SETTING = 'keyboardShortcuts';

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
type Modifier = (typeof MODIFIERS)[number];

/** A chord as matched against a key press. */
export interface Chord {
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** a letter or digit is matched by its physical key (`KeyH`), as Alt and Shift change `event.key` */
  readonly code: string | null;
  /** any other key by `event.key`: `?`, `/`, `ArrowUp`, `F2` */
  readonly key: string | null;
}

const NAMED_KEYS = new Set([
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Tab', 'Space', 'Home', 'End', 'PageUp', 'PageDown',
  'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12',
]);

/** `Alt+Shift+H` → a chord, or a message saying what is wrong with it. */
export function parseChord(text: string): { ok: true; chord: Chord } | { ok: false; message: string } {
  const parts = text.split('+');
  // `Shift++` would be the + key: not offered, as it is the separator.
  const key = parts.pop() ?? '';
  const modifiers = new Set<Modifier>();
  for (const part of parts) {
    const modifier = MODIFIERS.find((m) => m.toLowerCase() === part.trim().toLowerCase());
    if (!modifier) return { ok: false, message: `'${part}' in '${text}' is not a modifier (use ${MODIFIERS.join(', ')})` };
    if (modifiers.has(modifier)) return { ok: false, message: `'${text}' names ${modifier} twice` };
    modifiers.add(modifier);
  }
  const chord = { ctrl: modifiers.has('Ctrl'), alt: modifiers.has('Alt'), shift: modifiers.has('Shift'), meta: modifiers.has('Meta') };
  if (/^[a-z]$/i.test(key)) {
    if (!chord.alt && !chord.ctrl && !chord.meta) {
      return { ok: false, message: `'${text}' would type a letter: add Alt, Ctrl or Meta` };
    }
    return { ok: true, chord: { ...chord, code: `Key${key.toUpperCase()}`, key: null } };
  }
  if (/^[0-9]$/.test(key)) {
    if (!chord.alt && !chord.ctrl && !chord.meta) {
      return { ok: false, message: `'${text}' would type a digit: add Alt, Ctrl or Meta` };
    }
    return { ok: true, chord: { ...chord, code: `Digit${key}`, key: null } };
  }
  if (NAMED_KEYS.has(key)) return { ok: true, chord: { ...chord, code: null, key: key === 'Space' ? ' ' : key } };
  if (key.length === 1 && /[!-/:-@[-`{-~]/.test(key)) {
    // A punctuation key is known by the character it types, which already says whether Shift was held.
    if (chord.shift) return { ok: false, message: `'${text}': write the character Shift types (such as ?) without Shift` };
    return { ok: true, chord: { ...chord, code: null, key } };
  }
  return { ok: false, message: `'${key}' in '${text}' is not a key this app knows (a letter, a digit, punctuation, an arrow, F1–F12…)` };
}

const chordId = (chord: Chord) => [chord.ctrl, chord.alt, chord.shift, chord.meta, chord.code, chord.key].join('|');

/** The setting as stored: only the actions the agent changed. */
export const KeymapOverridesSchema = z
  .partialRecord(z.enum(SHORTCUT_ACTIONS), z.string().min(1).max(40))
  .superRefine((overrides, context) => {
    const merged: Record<string, string> = { ...DEFAULT_KEYMAP, ...overrides };
    const byChord = new Map<string, ShortcutAction>();
    for (const action of SHORTCUT_ACTIONS) {
      const parsed = parseChord(merged[action]);
      if (!parsed.ok) {
        context.addIssue({ code: 'custom', path: [action], message: `${action}: ${parsed.message}` });
        continue;
      }
      const id = chordId(parsed.chord);
      const taken = byChord.get(id);
      if (taken !== undefined) {
        context.addIssue({ code: 'custom', path: [action], message: `${merged[action]} is already the key for ${taken}: choose another for ${action}` });
      } else {
        byChord.set(id, action);
      }
    }
  });

export type Keymap = Readonly<Record<ShortcutAction, { keys: string; chord: Chord }>>;

function buildKeymap(keys: Readonly<Record<ShortcutAction, string>>): Keymap {
  const entries = SHORTCUT_ACTIONS.map((action) => {
    const parsed = parseChord(keys[action]);
    if (!parsed.ok) throw new Error(`default shortcut for ${action}: ${parsed.message}`);
    return [action, { keys: keys[action], chord: parsed.chord }] as const;
  });
  return Object.fromEntries(entries) as Record<ShortcutAction, { keys: string; chord: Chord }>;
}

export const DEFAULT_RESOLVED_KEYMAP = buildKeymap(DEFAULT_KEYMAP);

/** Checks a remapping before it is saved: the first problem, or null when it can be used. */
export function keymapProblem(value: unknown): string | null {
  const parsed = KeymapOverridesSchema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'not a keyboard-shortcut map');
}

/** The keymap in force: the defaults with the stored remapping, or the defaults alone when the stored one is unusable. */
export function resolveKeymap(setting: unknown): Keymap {
  if (setting === undefined || setting === null) return DEFAULT_RESOLVED_KEYMAP;
  const parsed = KeymapOverridesSchema.safeParse(setting);
  return parsed.success ? buildKeymap({ ...DEFAULT_KEYMAP, ...parsed.data }) : DEFAULT_RESOLVED_KEYMAP;
}

export type KeyPress = Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code' | 'key'>;

function matches(chord: Chord, event: KeyPress): boolean {
  if (chord.ctrl !== event.ctrlKey || chord.alt !== event.altKey || chord.meta !== event.metaKey) return false;
  if (chord.code !== null) return chord.shift === event.shiftKey && chord.code === event.code;
  // Punctuation is matched by the character, whatever Shift it took to type it; named keys also by Shift.
  if (chord.key !== null && chord.key.length === 1 && chord.key !== ' ') return chord.key === event.key;
  return chord.shift === event.shiftKey && chord.key === event.key;
}

/** Whether the chord produces no text, and so may fire while the agent types in a field. */
const worksWhileTyping = (chord: Chord) => chord.alt || chord.ctrl || chord.meta;

/** The action a key press means, or null; while typing only chords that produce no text count. */
export function shortcutFor(event: KeyPress, keymap: Keymap, typing: boolean): ShortcutAction | null {
  for (const action of SHORTCUT_ACTIONS) {
    const { chord } = keymap[action];
    if (typing && !worksWhileTyping(chord)) continue;
    if (matches(chord, event)) return action;
  }
  return null;
}
