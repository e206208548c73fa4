import { useEffect } from 'react';
import { isTyping } from '../offers/offerKeys';
import { shortcutFor, type ShortcutAction } from './keymap';
import { useKeymap } from './useKeymap';

/**
 * The screen's own shortcuts, whose targets live in other panels: focus the inbox search, open the
 * dialer, open settings. A target marks itself with `data-shortcut="<action>"`, so this needs no
 * reference into those panels: a field is focused, anything else clicked.
 */
const SCREEN_ACTIONS: ReadonlySet<ShortcutAction> = new Set(['focus-search', 'dial', 'open-settings']);

export function ScreenShortcuts() {
  const keymap = useKeymap();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event, keymap, isTyping(document.activeElement));
      if (action === null || !SCREEN_ACTIONS.has(action)) return;
      const target = document.querySelector<HTMLElement>(`[data-shortcut="${action}"]`);
      if (target === null) return;
      event.preventDefault();
      if (target instanceof HTMLInputElement) {
        target.focus();
        target.select();
      } else {
        target.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap]);
  return null;
}
