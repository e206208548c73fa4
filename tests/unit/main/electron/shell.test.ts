/** The shell's wiring, run against a thin fake of Electron that records what the shell asked for. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../../../common/desktop-api';
import { startShell, type CoreOptions, type ShellDeps } from '../../../../main/electron/shell';
import type { Policy } from '../../../../main/policy/load-policy';
import { createFakeCore, type FakeCore } from '../ipc/fake-core';
import { APP_MAIN_FRAME, createFakeIpcMain } from '../ipc/fake-ipc-main';

// Listeners take `never` arguments like ShellDeps' (each names its own); emit passes whatever the test gives.
type Listener = (...args: never[]) => void;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...args: unknown[]) => void)(...args);
  }
  /** fires a cancellable event; true if a listener called preventDefault */
  fire(event: string, ...args: unknown[]) {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeWebContents extends Emitter {
  sent: { channel: string; payload: unknown }[] = [];
  openHandler: ((details: { url: string }) => unknown) | null = null;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
}

class FakeWindow extends Emitter {
  static all: FakeWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string[] = [];
  state = { visible: false, focused: false, minimized: false };
  constructor(readonly options: Record<string, any>) {
    super();
    FakeWindow.all.push(this);
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {
    this.state.visible = true;
  }
  hide() {
    this.state.visible = false;
  }
  focus() {
    this.state.focused = true;
  }
  restore() {
    this.state.minimized = false;
  }
  isMinimized() {
    return this.state.minimized;
  }
  isFocused() {
    return this.state.focused;
  }
  isVisible() {
    return this.state.visible;
  }
  isDestroyed() {
    return false;
  }
}

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(path.join(os.tmpdir(), 'sb-shell-'));
  FakeWindow.all = [];
});
afterEach(() => rm(userData, { recursive: true, force: true }));

function fakeElectron(options: { hasLock?: boolean; backend?: string; policy?: Policy; argv?: string[] } = {}) {
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => options.hasLock ?? true),
    quit: vi.fn(),
    ready: null as null | (() => void),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (app.ready = resolve))),
    getPath: () => userData,
    getAppPath: () => '/opt/Switchboard/resources/app.asar',
    getVersion: () => '0.1.0',
    isPackaged: false,
    protocols: [] as string[],
    setAsDefaultProtocolClient: vi.fn((scheme: string) => (app.protocols.push(scheme), true)),
  });
  const ipc = createFakeIpcMain();
  const protocol = { privileged: [] as unknown[], handled: [] as string[], registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  protocol.registerSchemesAsPrivileged.mockImplementation((schemes: unknown[]) => protocol.privileged.push(...schemes));
  protocol.handle.mockImplementation((scheme: string) => protocol.handled.push(scheme));
  const permissions = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } };
  const tray = { setToolTip: vi.fn(), setContextMenu: vi.fn(), on: vi.fn(), destroy: vi.fn() };
  const notifications: unknown[] = [];
  const core: FakeCore = createFakeCore();
  core.handle('getPresence', () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'signed out' } }));
  const coreOptions: CoreOptions[] = [];
  const closeCore = vi.fn(async () => undefined);
  const log = vi.fn();
  const opened: string[] = [];
  const deps: ShellDeps = {
    app,
    BrowserWindow: FakeWindow as never,
    ipcMain: ipc.ipcMain,
    protocol,
    session: { defaultSession: permissions },
    shell: { openExternal: async (url) => void opened.push(url) },
    createTray: () => tray,
    Menu: { buildFromTemplate: (template) => template },
    createNotification: (content) => {
      notifications.push(content);
      return { show: () => undefined, close: () => undefined, on: () => undefined };
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(text),
      decryptString: (data) => data.toString(),
      getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    },
    autoUpdater: {
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      allowPrerelease: false,
      channel: null,
      setFeedURL: vi.fn(),
      checkForUpdates: vi.fn(async () => null),
      downloadUpdate: vi.fn(async () => []),
      quitAndInstall: vi.fn(),
    },
    idleSeconds: () => 0,
    createCore: async (coreOptionsGiven) => {
      coreOptions.push(coreOptionsGiven);
      return Object.assign(core, { close: closeCore });
    },
    loadPolicy: async () => options.policy ?? { values: {}, locked: [], error: null },
    argv: options.argv ?? ['/opt/Switchboard/switchboard'],
    platform: 'linux',
    log,
  };
  return { deps, app, ipc, protocol, permissions, tray, notifications, core, coreOptions, closeCore, log, opened };
}

async function started(options: Parameters<typeof fakeElectron>[0] = {}) {
  const fake = fakeElectron(options);
  const running = startShell(fake.deps);
  await vi.waitFor(() => expect(fake.app.ready).not.toBeNull());
  fake.app.ready!();
  const shell = await running;
  return { ...fake, shell: shell!, window: FakeWindow.all[0] };
}

describe('Electron shell wiring', () => {
  it('does the before-ready work before ready: app scheme, protocol clients, navigation guard for every webContents', async () => {
    const fake = fakeElectron();
    const running = startShell(fake.deps);
    await vi.waitFor(() => expect(fake.app.ready).not.toBeNull());
    expect(fake.protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(fake.app.protocols).toEqual(['tel', 'sip']);
    expect(fake.app.listeners.has('web-contents-created')).toBe(true);
    expect(FakeWindow.all).toEqual([]);
    fake.app.ready!();
    await running;

    const stray = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    expect(stray.fire('will-navigate', 'https://evil.example.com')).toBe(true);
    expect(stray.openHandler!({ url: 'https://docs.example.com' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://docs.example.com']);
  });

  it('a second instance quits without a window or a core', async () => {
    const fake = fakeElectron({ hasLock: false });
    await expect(startShell(fake.deps)).resolves.toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.coreOptions).toEqual([]);
    expect(FakeWindow.all).toEqual([]);
  });

  it('opens one hardened window on the app origin and serves it from app://', async () => {
    const { window, protocol, permissions } = await started();
    expect(FakeWindow.all).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(window.options.webPreferences.preload).toBe(path.join('/opt/Switchboard/resources/app.asar', 'build', 'preload', 'index.cjs'));
    expect(window.loaded).toEqual(['app://switchboard/index.html']);
    expect(protocol.handled).toEqual(['app']);
    expect(permissions.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(permissions.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(permissions.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
  });

  it('answers IPC from the app window only and forwards core events to it', async () => {
    const { ipc, core, window } = await started();
    expect(ipc.channels()).toHaveLength(OPERATION_NAMES.length);
    await expect(ipc.invoke('switchboard:getSession', APP_MAIN_FRAME, {})).resolves.toMatchObject({ ok: true });
    await expect(ipc.invoke('switchboard:getSession', { url: 'https://evil.example.com/', parent: null }, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    core.emit('queuesChanged', []);
    expect(window.webContents.sent).toContainEqual({ channel: 'switchboard:event:queuesChanged', payload: [] });
  });

  it('passes the policy and the token store to the core; no keyring → memory only, with a warning', async () => {
    const policy = { values: { platformUrl: 'https://corp.example', updatesDisabled: true }, locked: ['platformUrl', 'updatesDisabled'], error: null };
    const { coreOptions, log, shell } = await started({ backend: 'basic_text', policy });
    expect(coreOptions[0]).toMatchObject({ dataDir: userData, platformUrl: 'https://corp.example', policy });
    expect(coreOptions[0].tokenStore.inMemoryOnly).toBe(true);
    expect(shell.tokenWarning).toMatch(/keyring/);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/keyring/));
    expect(shell.updates).toEqual({ checking: false, reason: 'disabled by policy' });
  });

  it('keeps the token encrypted on disk when a keyring exists', async () => {
    const { coreOptions } = await started();
    expect(coreOptions[0].tokenStore.inMemoryOnly).toBe(false);
  });

  it('a tel: link from the first launch reaches the renderer once it has loaded; later ones at once', async () => {
    const { window, app } = await started({ argv: ['/opt/Switchboard/switchboard', 'tel:+1 555 0100'] });
    const dials = () => window.webContents.sent.filter((message) => message.channel === 'switchboard:event:dialRequested');
    expect(dials()).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(dials()).toEqual([{ channel: 'switchboard:event:dialRequested', payload: { number: '+15550100' } }]);

    window.state.minimized = true;
    app.emit('second-instance', {}, ['/opt/Switchboard/switchboard', 'sip:bob@pbx.example.com'], '/');
    expect(dials()[1]).toEqual({ channel: 'switchboard:event:dialRequested', payload: { number: 'bob@pbx.example.com' } });
    expect(window.state).toMatchObject({ minimized: false, visible: true, focused: true });
  });

  it('notifies an offer only while the window is not in front of the agent', async () => {
    const { core, window, notifications } = await started();
    const item = { workitemId: 'wi_1', type: 'chat', subject: 'Order', contact: { name: null, phone: null, email: null } };
    window.state = { visible: true, focused: true, minimized: false };
    core.emit('offerReceived', { item, expiresAt: 1 });
    expect(notifications).toHaveLength(0);
    window.state.focused = false;
    core.emit('offerReceived', { item, expiresAt: 1 });
    expect(notifications).toHaveLength(1);
  });

  it('closing the window hides it to the tray; quitting closes the core first', async () => {
    const { window, app, closeCore, tray } = await started();
    window.state.visible = true;
    expect(window.fire('close')).toBe(true);
    expect(window.state.visible).toBe(false);

    app.emit('before-quit');
    expect(window.fire('close')).toBe(false);
    expect(app.fire('will-quit')).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(closeCore).toHaveBeenCalledTimes(1);
    expect(tray.destroy).toHaveBeenCalled();
    expect(app.fire('will-quit')).toBe(false);
  });
});
