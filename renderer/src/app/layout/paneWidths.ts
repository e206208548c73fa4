/**
 * The widths of the work list (left) and the context pane (right), in CSS pixels; the centre takes the
 * rest. Kept in localStorage so a restart opens the layout the agent left. What is read back is checked
 * (zod) and clamped: a damaged or hand-edited value gives the defaults, never a broken layout.
 */
import { z } from 'zod';

export type PaneWidths = { left: number; right: number };
export type Pane = keyof PaneWidths;

export const PANE_LIMITS: Record<Pane, { min: number; max: number }> = {
  left: { min: 280, max: 560 },
  right: { min: 260, max: 520 },
};
/** Fits 1280×720 with a centre of ~560 px. */
export const DEFAULT_WIDTHS: PaneWidths = { left: 380, right: 320 };
/** The centre never gets narrower than this, whatever the panes ask for. */
export const MIN_CENTRE = 420;
export const STORAGE_KEY = 'switchboard.paneWidths';

const StoredWidthsSchema = z.object({ left: z.number().finite(), right: z.number().finite() });

export function clampWidth(pane: Pane, width: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, width)));
}

/** The widths as they fit a window `viewport` px wide: each pane in its limits, the centre at least MIN_CENTRE. */
export function fitWidths(widths: PaneWidths, viewport: number): PaneWidths {
  let left = clampWidth('left', widths.left);
  let right = clampWidth('right', widths.right);
  const excess = left + right + MIN_CENTRE - viewport;
  if (excess > 0) {
    // Give back from the wider pane first, never below its minimum.
    const fromRight = Math.min(excess, right - PANE_LIMITS.right.min);
    right -= fromRight;
    left = Math.max(PANE_LIMITS.left.min, left - (excess - fromRight));
  }
  return { left, right };
}

export function readWidths(storage: Pick<Storage, 'getItem'>): PaneWidths {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    // Not JSON (damaged or edited by hand): the defaults, as if nothing were stored.
    return DEFAULT_WIDTHS;
  }
  const parsed = StoredWidthsSchema.safeParse(raw);
  if (!parsed.success) return DEFAULT_WIDTHS;
  return { left: clampWidth('left', parsed.data.left), right: clampWidth('right', parsed.data.right) };
}

export function writeWidths(storage: Pick<Storage, 'setItem'>, widths: PaneWidths): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(widths));
}
