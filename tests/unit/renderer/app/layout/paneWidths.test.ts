import { describe, expect, it } from 'vitest';
import { DEFAULT_WIDTHS, MIN_CENTRE, PANE_LIMITS, STORAGE_KEY, clampWidth, fitWidths, readWidths, writeWidths } from '../../../../../renderer/src/app/layout/paneWidths';

const storage = (value: string | null) => ({ getItem: (key: string) => (key === STORAGE_KEY ? value : null) });

describe('pane widths', () => {
  it('are remembered and read back', () => {
    let stored: string | null = null;
    writeWidths({ setItem: (_key: string, value: string) => void (stored = value) }, { left: 400, right: 300 });
    expect(readWidths(storage(stored))).toEqual({ left: 400, right: 300 });
  });
  it('fall back to the defaults on a damaged or hostile value, and are clamped to their limits', () => {
    expect(readWidths(storage(null))).toEqual(DEFAULT_WIDTHS);
    expect(readWidths(storage('{not json'))).toEqual(DEFAULT_WIDTHS);
    expect(readWidths(storage('{"left":"wide","right":1}'))).toEqual(DEFAULT_WIDTHS);
    expect(readWidths(storage('{"left":99999,"right":-5}'))).toEqual({ left: PANE_LIMITS.left.max, right: PANE_LIMITS.right.min });
    expect(clampWidth('left', 10)).toBe(PANE_LIMITS.left.min);
  });
  it('leave the centre room in a 1280 px window, taking from the panes down to their minimums', () => {
    const fitted = fitWidths({ left: 560, right: 520 }, 1280);
    expect(1280 - fitted.left - fitted.right).toBeGreaterThanOrEqual(MIN_CENTRE);
    expect(fitWidths(DEFAULT_WIDTHS, 1280)).toEqual(DEFAULT_WIDTHS);
    expect(fitWidths({ left: 560, right: 520 }, 600)).toEqual({ left: PANE_LIMITS.left.min, right: PANE_LIMITS.right.min });
  });
});
