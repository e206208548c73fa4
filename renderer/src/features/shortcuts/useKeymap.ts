import { useMemo } from 'react';
import { useGetSettingsQuery } from '../settings/settingsApi';
import { KEYMAP_SETTING, resolveKeymap, type Keymap } from './keymap';

/** The keymap in force, following the `keyboardShortcuts` setting live (the settings query is kept current by the core's events). */
export function useKeymap(): Keymap {
  const { data } = useGetSettingsQuery();
  const stored = data?.values[KEYMAP_SETTING];
  return useMemo(() => resolveKeymap(stored), [stored]);
}
