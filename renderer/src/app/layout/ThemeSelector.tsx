import { useEffect, useId, useState } from 'react';
import { applyTheme, readTheme, THEMES, type Theme } from './theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The header's theme choice; it applies at once and is remembered. */
export function ThemeSelector() {
  const [theme, setTheme] = useState<Theme>(() => readTheme(window.localStorage));
  const id = useId();
  useEffect(() => applyTheme(theme, window.localStorage, document.documentElement), [theme]);
  return (
    <div className="theme-selector">
      <label htmlFor={id} className="visually-hidden">
        Theme
      </label>
      <select id={id} value={theme} onChange={(event) => setTheme(THEMES.find((t) => t === event.target.value) ?? 'system')}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </div>
  );
}
