import { describe, expect, it } from 'vitest';
import { isTyping, offerKey } from '../../../../../renderer/src/features/offers/offerKeys';

const key = (code: string, mods: Partial<{ altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  code,
  key: '',
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('offerKey', () => {
  it('accepts on Alt+Shift+A and declines on Alt+Shift+D', () => {
    expect(offerKey(key('KeyA', { altKey: true, shiftKey: true }))).toBe('accept');
    expect(offerKey(key('KeyD', { altKey: true, shiftKey: true }))).toBe('decline');
  });
  it('ignores plain letters, Enter, Escape and other combinations', () => {
    expect(offerKey(key('KeyA'))).toBeNull();
    expect(offerKey(key('Enter'))).toBeNull();
    expect(offerKey(key('Escape'))).toBeNull();
    expect(offerKey(key('KeyA', { altKey: true }))).toBeNull();
    expect(offerKey(key('KeyA', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
  });
});

describe('isTyping', () => {
  const element = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra }) as unknown as Element;
  it('is true in text fields, so an arriving offer does not take the focus', () => {
    expect(isTyping(element('TEXTAREA'))).toBe(true);
    expect(isTyping(element('INPUT', { type: 'search' }))).toBe(true);
    expect(isTyping(element('DIV', { isContentEditable: true }))).toBe(true);
  });
  it('is false on buttons and the page', () => {
    expect(isTyping(element('BUTTON'))).toBe(false);
    expect(isTyping(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTyping(element('BODY'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
