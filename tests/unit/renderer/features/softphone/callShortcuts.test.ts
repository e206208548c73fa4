import { describe, expect, it } from 'vitest';
import { callDuration, callShortcut } from '../../../../../renderer/src/features/softphone/callShortcuts';

const key = (code: string, o: Partial<{ alt: boolean; shift: boolean; ctrl: boolean; key: string }> = {}) => ({
  altKey: o.alt ?? true,
  shiftKey: o.shift ?? true,
  ctrlKey: o.ctrl ?? false,
  metaKey: false,
  code,
  key: o.key ?? '',
});

describe('call shortcuts', () => {
  it('maps Alt+Shift+letter to each control, even while typing', () => {
    expect(callShortcut(key('KeyH'), true, false)).toBe('toggle-hold');
    expect(callShortcut(key('KeyM'), false, false)).toBe('toggle-mute');
    expect(callShortcut(key('KeyK'), false, false)).toBe('keypad');
    expect(callShortcut(key('KeyT'), false, false)).toBe('transfer');
    expect(callShortcut(key('KeyC'), false, false)).toBe('conference');
    expect(callShortcut(key('KeyE'), false, false)).toBe('hang-up');
    expect(callShortcut(key('KeyA'), false, false)).toBe('answer');
  });
  it('leaves Accept/Decline to the offer toast while a voice offer rings', () => {
    expect(callShortcut(key('KeyA'), false, true)).toBeNull();
    expect(callShortcut(key('KeyD'), false, true)).toBeNull();
    expect(callShortcut(key('KeyH'), false, true)).toBe('toggle-hold');
  });
  it('opens the help with ? unless the agent is typing; ignores other combinations', () => {
    expect(callShortcut(key('Slash', { alt: false, key: '?' }), false, false)).toBe('help');
    expect(callShortcut(key('Slash', { alt: false, key: '?' }), true, false)).toBeNull();
    expect(callShortcut(key('KeyH', { ctrl: true }), false, false)).toBeNull();
    expect(callShortcut(key('KeyH', { shift: false }), false, false)).toBeNull();
    expect(callShortcut(key('KeyZ'), false, false)).toBeNull();
  });
  it('formats the call timer', () => {
    expect(callDuration(0)).toBe('00:00');
    expect(callDuration(61_500)).toBe('01:01');
    expect(callDuration(3_726_000)).toBe('1:02:06');
    expect(callDuration(-5)).toBe('00:00');
  });
});
