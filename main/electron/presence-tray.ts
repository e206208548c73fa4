/**
 * The tray icon: the agent's presence at a glance and a menu to change it without finding the window.
 */
import type { AgentPresence } from '../../common/api';
import type { PresenceState } from '../../common/vocabulary';
import type { DesktopCorePort } from '../ipc/core-port';

export type TrayMenuItem =
  | { label: string; type: 'radio'; checked: boolean; enabled?: boolean; click: () => void }
  | { label: string; type?: 'normal'; enabled?: boolean; click: () => void }
  | { type: 'separator' };

/** The slices of Electron's Tray and Menu this module uses. */
export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}
export interface MenuBuilder {
  buildFromTemplate(template: TrayMenuItem[]): unknown;
}

export interface PresenceTrayOptions {
  tray: TrayPort;
  Menu: MenuBuilder;
  core: DesktopCorePort;
  showWindow(): void;
  quit(): void;
  /** a refused presence change (offline, not signed in) is shown to the agent */
  onError?(message: string): void;
}

const LABELS: Record<PresenceState, string> = { available: 'Available', not_ready: 'Not ready', offline: 'Offline' };
const SELECTABLE: PresenceState[] = ['available', 'not_ready'];

export interface PresenceTray {
  show(presence: AgentPresence | null): void;
  dispose(): void;
}

export function createPresenceTray(options: PresenceTrayOptions): PresenceTray {
  const { tray, Menu, core } = options;
  let current: AgentPresence | null = null;

  async function choose(state: PresenceState): Promise<void> {
    const result = await core.invoke('setPresence', { state });
    if (result.ok) show(result.value as AgentPresence);
    else {
      options.onError?.(`Could not set presence to ${LABELS[state]}: ${result.error.message}`);
      show(current);
    }
  }

  function show(presence: AgentPresence | null): void {
    current = presence;
    const signedIn = presence !== null;
    tray.setToolTip(signedIn ? `Switchboard — ${LABELS[presence.state]}${presence.reasonCode ? ` (${presence.reasonCode})` : ''}` : 'Switchboard — signed out');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        ...SELECTABLE.map((state): TrayMenuItem => ({
          label: LABELS[state],
          type: 'radio',
          checked: presence?.state === state,
          enabled: signedIn,
          click: () => void choose(state),
        })),
        { type: 'separator' },
        { label: 'Show Switchboard', click: () => options.showWindow() },
        { label: 'Quit', click: () => options.quit() },
      ]),
    );
  }

  const unsubscribe = core.subscribe((event, payload) => {
    if (event === 'presenceChanged') show(payload as AgentPresence);
    else if (event === 'connectionChanged' && (payload as { state?: string }).state === 'signed_out') show(null);
  });
  tray.on('click', () => options.showWindow());
  show(null);
  core.invoke('getPresence', {}).then(
    (result) => {
      if (result.ok && current === null) show(result.value as AgentPresence);
    },
    // The tray then shows "signed out" until the next presence event; say why.
    (error: unknown) => options.onError?.(`Could not read presence for the tray: ${error instanceof Error ? error.message : String(error)}`),
  );

  return {
    show,
    dispose() {
      unsubscribe();
      tray.destroy();
    },
  };
}
