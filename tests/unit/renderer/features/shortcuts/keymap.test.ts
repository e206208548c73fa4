import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEYMAP,
  DEFAULT_RESOLVED_KEYMAP,
  keymapProblem,
  parseChord,
  resolveKeymap,
  shortcutFor,
  SHORTCUT_ACTIONS,
  type KeyPress,
  KEYMAP_SETTING,
} from '../../../../../renderer/src/features/shortcuts/keymap';
import { parseDraft } from '../../../../../renderer/src/features/settings/settingDraft';
import { knownSetting } from '../../../../../renderer/src/features/settings/settingsCatalog';

const press = (code: string, key: string, mods: Partial<Pick<KeyPress, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>> = {}): KeyPress => ({
  code,
  key,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('the default keymap', () => {
  it('has a valid, distinct chord for every action', () => {
    expect(keymapProblem({})).toBeNull();
    expect(Object.keys(DEFAULT_KEYMAP).sort()).toEqual([...SHORTCUT_ACTIONS].sort());
  });

  it('maps key presses to actions', () => {
    expect(shortcutFor(press('KeyH', 'Ó', { altKey: true, shiftKey: true }), DEFAULT_RESOLVED_KEYMAP, false)).toBe('toggle-hold');
    expect(shortcutFor(press('Slash', '?', { shiftKey: true }), DEFAULT_RESOLVED_KEYMAP, false)).toBe('help');
    expect(shortcutFor(press('Slash', '/'), DEFAULT_RESOLVED_KEYMAP, false)).toBe('focus-search');
    expect(shortcutFor(press('ArrowDown', 'ArrowDown', { altKey: true }), DEFAULT_RESOLVED_KEYMAP, false)).toBe('next-item');
    expect(shortcutFor(press('KeyH', 'h'), DEFAULT_RESOLVED_KEYMAP, false)).toBeNull();
    expect(shortcutFor(press('KeyH', 'H', { altKey: true, shiftKey: true, ctrlKey: true }), DEFAULT_RESOLVED_KEYMAP, false)).toBeNull();
  });

  it('never takes a key that types text while the agent types, but still takes chords with Alt', () => {
    expect(shortcutFor(press('Slash', '?', { shiftKey: true }), DEFAULT_RESOLVED_KEYMAP, true)).toBeNull();
    expect(shortcutFor(press('Slash', '/'), DEFAULT_RESOLVED_KEYMAP, true)).toBeNull();
    expect(shortcutFor(press('KeyE', 'E', { altKey: true, shiftKey: true }), DEFAULT_RESOLVED_KEYMAP, true)).toBe('hang-up');
  });
});

describe('remapping', () => {
  it('moves an action to the new keys and frees the old ones', () => {
    const keymap = resolveKeymap({ 'toggle-hold': 'Ctrl+Alt+J', help: 'F1' });
    expect(shortcutFor(press('KeyJ', 'j', { ctrlKey: true, altKey: true }), keymap, false)).toBe('toggle-hold');
    expect(shortcutFor(press('KeyH', 'H', { altKey: true, shiftKey: true }), keymap, false)).toBeNull();
    expect(shortcutFor(press('F1', 'F1'), keymap, false)).toBe('help');
    expect(keymap['toggle-hold'].keys).toBe('Ctrl+Alt+J');
  });

  it('refuses two actions on one key, naming both', () => {
    expect(keymapProblem({ 'toggle-mute': 'Alt+Shift+H' })).toMatch(/Alt\+Shift\+H is already the key for toggle-hold.*toggle-mute/);
    expect(keymapProblem({ help: 'F2', dial: 'F2' })).toMatch(/already the key for/);
    // a swap is fine
    expect(keymapProblem({ 'toggle-mute': 'Alt+Shift+H', 'toggle-hold': 'Alt+Shift+M' })).toBeNull();
  });

  it('refuses keys that cannot be a shortcut, and unknown actions', () => {
    expect(keymapProblem({ 'toggle-hold': 'h' })).toMatch(/would type a letter/);
    expect(keymapProblem({ 'toggle-hold': '5' })).toMatch(/would type a digit/);
    expect(keymapProblem({ 'toggle-hold': 'Hyper+H' })).toMatch(/'Hyper' .* is not a modifier/);
    expect(keymapProblem({ 'toggle-hold': 'Alt+Alt+H' })).toMatch(/names Alt twice/);
    expect(keymapProblem({ 'toggle-hold': 'Alt+Shift+' })).toMatch(/not a key/);
    expect(keymapProblem({ help: 'Shift+?' })).toMatch(/without Shift/);
    expect(keymapProblem({ 'make-coffee': 'Alt+Shift+Q' })).not.toBeNull();
    expect(keymapProblem({ help: 42 })).not.toBeNull();
    expect(keymapProblem(['help'])).not.toBeNull();
  });

  it('falls back to the defaults when the stored map is unusable', () => {
    expect(resolveKeymap({ 'toggle-mute': 'Alt+Shift+H' })).toBe(DEFAULT_RESOLVED_KEYMAP);
    expect(resolveKeymap('nonsense')).toBe(DEFAULT_RESOLVED_KEYMAP);
    expect(resolveKeymap(null)).toBe(DEFAULT_RESOLVED_KEYMAP);
  });
});

describe('parseChord', () => {
  it('reads modifiers in any case and order', () => {
    expect(parseChord('shift+alt+k')).toEqual({ ok: true, chord: { ctrl: false, alt: true, shift: true, meta: false, code: 'KeyK', key: null } });
    expect(parseChord('Ctrl+Space')).toEqual({ ok: true, chord: { ctrl: true, alt: false, shift: false, meta: false, code: null, key: ' ' } });
  });
});

describe('the Keyboard shortcuts setting', () => {
  const definition = knownSetting(KEYMAP_SETTING)!;
  it('saves a usable remapping and refuses a conflicting one next to the field', () => {
    expect(parseDraft(definition, '{"focus-search": "F3"}')).toEqual({ ok: true, value: { 'focus-search': 'F3' } });
    expect(parseDraft(definition, '{"focus-search": "Alt+Shift+H"}')).toEqual({
      ok: false,
      message: 'Alt+Shift+H is already the key for toggle-hold: choose another for focus-search',
    });
    expect(parseDraft(definition, '{"focus-search":')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseDraft(definition, '')).toEqual({ ok: true, value: null });
  });
});
