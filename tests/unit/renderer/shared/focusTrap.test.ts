import { describe, expect, it } from 'vitest';
import { wrapTarget } from '../../../../renderer/src/ui/focusTrap';

describe('wrapTarget', () => {
  it('wraps Tab from the last element to the first, and Shift+Tab from the first to the last', () => {
    expect(wrapTarget(4, 5, false)).toBe(0);
    expect(wrapTarget(0, 5, true)).toBe(4);
  });

  it('leaves moves in between to the browser', () => {
    expect(wrapTarget(1, 5, false)).toBeNull();
    expect(wrapTarget(3, 5, true)).toBeNull();
  });

  it('brings focus in from the dialog itself, and keeps it on the dialog when nothing inside can take it', () => {
    expect(wrapTarget(-1, 3, false)).toBe(0);
    expect(wrapTarget(-1, 3, true)).toBe(2);
    expect(wrapTarget(-1, 0, false)).toBe(-1);
  });
});
