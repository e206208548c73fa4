import { describe, expect, it, vi } from 'vitest';
import { createPresenceTray, type TrayMenuItem } from '../../../../main/electron/presence-tray';
import { createFakeCore } from '../ipc/fake-core';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const core = createFakeCore();
  const presence = (state: string, reasonCode: string | null = null) => ({ username: 'ada', state, reasonCode, since: 1 });
  core.handle('getPresence', () => ({ ok: true, value: presence('not_ready', 'LUNCH') }));
  core.handle('setPresence', (request) => ({ ok: true, value: presence((request as { state: string }).state) }));
  const tray = { tooltip: '', menu: [] as TrayMenuItem[], setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  tray.setToolTip.mockImplementation((text: string) => (tray.tooltip = text));
  tray.setContextMenu.mockImplementation((menu: TrayMenuItem[]) => (tray.menu = menu));
  const handlers = { showWindow: vi.fn(), quit: vi.fn(), onError: vi.fn() };
  const result = createPresenceTray({ tray, Menu: { buildFromTemplate: (template) => template }, core, ...handlers });
  const item = (label: string) => tray.menu.find((entry) => 'label' in entry && entry.label === label) as Extract<TrayMenuItem, { label: string }>;
  return { core, tray, handlers, result, presence, item };
}

describe('presence tray', () => {
  it('shows the current presence in the tooltip and as the checked radio item', async () => {
    const { tray, item } = setup();
    await flush();
    expect(tray.tooltip).toBe('Switchboard — Not ready (LUNCH)');
    expect(item('Not ready')).toMatchObject({ type: 'radio', checked: true, enabled: true });
    expect(item('Available')).toMatchObject({ type: 'radio', checked: false });
  });

  it('sets presence from the menu through the core', async () => {
    const { core, tray, item } = setup();
    await flush();
    item('Available').click();
    await flush();
    expect(core.calls.filter((call) => call.name === 'setPresence')).toEqual([{ name: 'setPresence', request: { state: 'available' } }]);
    expect(tray.tooltip).toBe('Switchboard — Available');
    expect(item('Available')).toMatchObject({ checked: true });
  });

  it('follows presenceChanged events and shows signed-out as disabled choices', async () => {
    const { core, tray, item, presence } = setup();
    await flush();
    core.emit('presenceChanged', presence('available'));
    expect(tray.tooltip).toBe('Switchboard — Available');
    core.emit('connectionChanged', { state: 'signed_out', since: 2, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null });
    expect(tray.tooltip).toBe('Switchboard — signed out');
    expect(item('Available')).toMatchObject({ enabled: false, checked: false });
  });

  it('reports a refused change and keeps the old state', async () => {
    const { core, tray, handlers, item } = setup();
    await flush();
    core.handle('setPresence', () => ({ ok: false, error: { code: 'OFFLINE', message: 'Not connected' } }));
    item('Available').click();
    await flush();
    expect(handlers.onError).toHaveBeenCalledWith(expect.stringContaining('Not connected'));
    expect(tray.tooltip).toBe('Switchboard — Not ready (LUNCH)');
  });

  it('opens the window and quits from the menu; dispose unsubscribes', async () => {
    const { core, tray, handlers, item, result } = setup();
    item('Show Switchboard').click();
    item('Quit').click();
    expect(handlers.showWindow).toHaveBeenCalled();
    expect(handlers.quit).toHaveBeenCalled();
    result.dispose();
    expect(tray.destroy).toHaveBeenCalled();
    expect(core.listenerCount()).toBe(0);
  });
});
