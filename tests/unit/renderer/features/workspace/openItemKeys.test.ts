import { describe, expect, it } from 'vitest';
import { nextOpenItem } from '../../../../../renderer/src/features/workspace/openItemKeys';

const open = [{ workitemId: 'a' }, { workitemId: 'b' }, { workitemId: 'c' }];
const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k, code: '', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, ...mods,
});

describe('Alt+↑/↓ between open items', () => {
  it('walks the list and wraps around', () => {
    expect(nextOpenItem(key('ArrowDown'), open, 'a', false)).toBe('b');
    expect(nextOpenItem(key('ArrowDown'), open, 'c', false)).toBe('a');
    expect(nextOpenItem(key('ArrowUp'), open, 'a', false)).toBe('c');
    expect(nextOpenItem(key('ArrowDown'), open, 'not-open', false)).toBe('a');
  });
  it('leaves other keys, typing, and a single item alone', () => {
    expect(nextOpenItem(key('ArrowDown', { altKey: false }), open, 'a', false)).toBeNull();
    expect(nextOpenItem(key('ArrowDown', { shiftKey: true }), open, 'a', false)).toBeNull();
    expect(nextOpenItem(key('x'), open, 'a', false)).toBeNull();
    expect(nextOpenItem(key('ArrowDown'), open, 'a', true)).toBeNull();
    expect(nextOpenItem(key('ArrowDown'), [{ workitemId: 'a' }], 'a', false)).toBeNull();
  });
});
