/**
 * Light, dark, or the system's choice: stored in localStorage (checked on read), applied as
 * `data-theme` on <html>, which picks the colour variables in styles.css.
 */
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const ThemeSchema = z.enum(THEMES);
const STORAGE_KEY = 'switchboard.theme';

export function readTheme(storage: Pick<Storage, 'getItem'>): Theme {
  const parsed = ThemeSchema.safeParse(storage.getItem(STORAGE_KEY));
  return parsed.success ? parsed.data : 'system';
}

export function applyTheme(theme: Theme, storage: Pick<Storage, 'setItem'>, root: HTMLElement): void {
  storage.setItem(STORAGE_KEY, theme);
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
