/**
 * The Electron shell's wiring, kept apart from main.ts so it can be run against a fake of Electron:
 * each step is one of the small modules beside this file; the order matters and is spelled out here.
 */
import path from 'node:path';
import type { EventName } from '../../common/desktop-api';
import type { DesktopCorePort } from '../ipc/core-port';
import { forwardCoreEvents, sendEvent, type EventTarget } from '../ipc/forward-events';
import { registerIpcHandlers, type IpcMainPort } from '../ipc/register-handlers';
import { createTrustedSenderCheck } from '../ipc/trusted-sender';
import type { Policy } from '../policy/load-policy';
import { APP_ORIGIN } from './app-origin';
import { registerAppScheme, serveAppProtocol, type ProtocolPort } from './app-protocol';
import { findDialLink } from './dial-link';
import { enforceContentSecurityPolicy, type HeaderSession } from './content-security';
import { createMainWindow, loadApp } from './main-window';
import { guardNavigation, type GuardedContents, type ShellPort } from './navigation-guard';
import { createOfferNotifier, type NotificationContent, type NotificationPort } from './offer-notifier';
import { installPermissionHandlers, type PermissionSession } from './permissions';
import { createPresenceTray, type MenuBuilder, type PresenceTray, type TrayPort } from './presence-tray';
import { claimSingleInstance, registerDialProtocols } from './single-instance';
import { chooseTokenStore, type SafeStoragePort, type TokenStore } from './token-store';
import { startUpdates, type UpdateDecision, type UpdaterPort } from './updates';
import { AgentActivityTracker } from '../core/updates/agent-activity';
import { loadRolloutMachineId } from '../core/updates/machine-id';

export interface ShellCore extends DesktopCorePort {
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  platformUrl?: string;
  tokenStore: TokenStore;
  policy: Policy;
}

export interface ShellWindow {
  webContents: EventTarget & GuardedContents & { once(event: 'did-finish-load', listener: () => void): unknown };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isFocused(): boolean;
  isVisible(): boolean;
  isDestroyed(): boolean;
}

/** What the shell takes from Electron (and electron-updater, and the core); main.ts passes the real ones. */
export interface ShellDeps {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    on(event: string, listener: (...args: never[]) => void): unknown;
    whenReady(): Promise<unknown>;
    getPath(name: 'userData'): string;
    getAppPath(): string;
    getVersion(): string;
    isPackaged: boolean;
    setAsDefaultProtocolClient(protocol: string): boolean;
  };
  BrowserWindow: new (options: Record<string, unknown>) => ShellWindow;
  ipcMain: IpcMainPort;
  protocol: ProtocolPort;
  session: { defaultSession: PermissionSession & HeaderSession };
  shell: ShellPort;
  createTray(): TrayPort | null;
  Menu: MenuBuilder;
  createNotification: ((content: NotificationContent) => NotificationPort) | null;
  safeStorage: SafeStoragePort;
  autoUpdater: UpdaterPort;
  /** seconds since the last keyboard or mouse input (Electron's powerMonitor.getSystemIdleTime) */
  idleSeconds(): number;
  createCore(options: CoreOptions): Promise<ShellCore>;
  loadPolicy(): Promise<Policy>;
  argv: string[];
  platform: NodeJS.Platform;
  log: (message: string) => void;
  /**
   * The first run (scripts/first-run.ts) points the app at the example platform and signs in the demo
   * agent; a real deployment sets neither, and the policy's platformUrl always wins.
   */
  launch?: { platformUrl?: string; signIn?: { username: string; password: string } };
}

export interface RunningShell {
  core: ShellCore;
  window: ShellWindow;
  tray: PresenceTray | null;
  policy: Policy;
  tokenWarning: string | null;
  updates: UpdateDecision;
}

/** The built files, relative to the app's root (the folder or asar holding package.json). */
export function buildPaths(appPath: string) {
  return {
    rendererDir: path.join(appPath, 'build', 'renderer'),
    preloadPath: path.join(appPath, 'build', 'preload', 'index.cjs'),
  };
}

/** Runs before 'ready'. Resolves to null when another instance has taken over (ours then quits). */
export async function startShell(deps: ShellDeps): Promise<RunningShell | null> {
  const { app } = deps;
  let window: ShellWindow | null = null;
  let windowLoaded = false;
  let pendingDial: string | null = findDialLink(deps.argv.slice(1));
  let quitting = false;

  const showWindow = () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const deliverDial = (number: string) => {
    if (window && windowLoaded) sendEvent(window.webContents, 'dialRequested' satisfies EventName, { number });
    else pendingDial = number;
  };

  if (!claimSingleInstance(app, { onActivate: showWindow, onDial: deliverDial })) return null;
  registerAppScheme(deps.protocol);
  registerDialProtocols(app);
  // Every webContents, including any a bug or an attacker manages to create, gets the same guard.
  app.on('web-contents-created', (_event: unknown, contents: GuardedContents) => guardNavigation(contents, deps.shell, deps.log));

  await app.whenReady();
  const paths = buildPaths(app.getAppPath());
  const policy = await deps.loadPolicy();
  if (policy.error) deps.log(`policy: ${policy.error}`);
  const userData = app.getPath('userData');
  const tokens = chooseTokenStore(deps.safeStorage, path.join(userData, 'platform-token.bin'), deps.platform);
  if (tokens.warning) deps.log(tokens.warning);

  const platformUrl = typeof policy.values.platformUrl === 'string' ? policy.values.platformUrl : deps.launch?.platformUrl;
  const core = await deps.createCore({ dataDir: userData, platformUrl, tokenStore: tokens.store, policy });
  if (deps.launch?.signIn) {
    const signedIn = await core.invoke('signIn', { ...deps.launch.signIn, ...(platformUrl ? { platformUrl } : {}) });
    if (!signedIn.ok) deps.log(`sign-in as ${deps.launch.signIn.username} failed: ${signedIn.error.message}`);
  }

  serveAppProtocol(deps.protocol, paths.rendererDir);
  installPermissionHandlers(deps.session.defaultSession);
  enforceContentSecurityPolicy(deps.session.defaultSession);
  registerIpcHandlers(deps.ipcMain, core, { isTrustedSender: createTrustedSenderCheck(APP_ORIGIN) });

  const mainWindow = createMainWindow(deps.BrowserWindow, { preloadPath: paths.preloadPath });
  window = mainWindow;
  forwardCoreEvents(core, mainWindow.webContents);
  mainWindow.webContents.once('did-finish-load', () => {
    windowLoaded = true;
    if (pendingDial) deliverDial(pendingDial);
    pendingDial = null;
  });

  const trayPort = deps.createTray();
  const tray = trayPort
    ? createPresenceTray({ tray: trayPort, Menu: deps.Menu, core, showWindow, quit: () => app.quit(), onError: deps.log })
    : null;
  if (deps.createNotification) {
    createOfferNotifier({
      core,
      createNotification: deps.createNotification,
      isWindowAttentive: () => mainWindow.isVisible() && !mainWindow.isMinimized() && mainWindow.isFocused(),
      showWindow,
    });
  }

  // With a tray, closing the window hides it: an agent who closes it still gets rung.
  mainWindow.on('close', (event) => {
    if (tray && !quitting) {
      event.preventDefault();
      mainWindow.hide();
    }
  });
  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  let closed = false;
  app.on('will-quit', (event: { preventDefault(): void }) => {
    // Close the cache cleanly (WAL checkpoint) before the process goes.
    if (closed) return;
    event.preventDefault();
    closed = true;
    tray?.dispose();
    void core.close().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });

  // Updates install only when no call is live and no offer rings (and the agent is idle), else at quit.
  const activity = new AgentActivityTracker({ now: Date.now });
  core.subscribe(activity.onEvent);
  const updater = startUpdates({
    updater: deps.autoUpdater,
    policy: policy.values,
    isPackaged: app.isPackaged,
    currentVersion: app.getVersion(),
    machineId: () => loadRolloutMachineId(userData),
    clock: { now: Date.now },
    activity: () => ({ busy: activity.isBusy(), idleMs: deps.idleSeconds() * 1000 }),
    tell: (body) => deps.createNotification?.({ title: 'Switchboard update', body, urgency: 'normal', timeoutType: 'default', silent: true }).show(),
    log: deps.log,
    every: (everyMs, tick) => {
      const timer = setInterval(tick, everyMs);
      return () => clearInterval(timer);
    },
  });
  app.on('before-quit', () => updater.stop());
  const updates = updater.decision;
  deps.log(updates.checking ? `updates: channel ${updates.channel} from ${updates.feed}` : `updates: off (${updates.reason})`);

  await loadApp(mainWindow);
  return { core, window: mainWindow, tray, policy, tokenWarning: tokens.warning, updates };
}
