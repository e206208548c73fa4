/**
 * Electron's entry point: hands the real Electron modules to the shell. Everything with a decision in
 * it lives in the modules beside this file, which are tested against a fake of Electron.
 */
import { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray } from 'electron';
import electronUpdater from 'electron-updater';
import path from 'node:path';
import { createDesktopCore } from '../core';
import { checkPolicy, findCheckPolicyRequest } from '../policy/check-policy';
import { loadMachinePolicy } from '../policy/machine-policy';
import { startShell } from './shell';

const log = (message: string) => console.log(`switchboard: ${message}`);

// `switchboard --check-policy [FILE]`: IT checks a policy and gets an exit status; no window, no instance lock.
const checkRequest = findCheckPolicyRequest(process.argv.slice(1));
if (checkRequest) {
  checkPolicy(checkRequest.file)
    .then((result) => {
      for (const line of result.lines) (result.exitCode === 0 ? console.log : console.error)(line);
      app.exit(result.exitCode);
    })
    .catch((error: unknown) => {
      console.error('switchboard: the policy check failed', error);
      app.exit(2);
    });
} else startApp();

function startApp(): void {
  startShell({
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    shell,
    Menu,
    createTray: () => {
      try {
        const icon = nativeImage.createFromPath(path.join(app.getAppPath(), 'build', 'assets', 'tray.png'));
        return new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon);
      } catch (error) {
        log(`no tray on this desktop: ${(error as Error).message}`);
        return null;
      }
    },
    createNotification: Notification.isSupported() ? (content) => new Notification(content) : null,
    safeStorage,
    autoUpdater: electronUpdater.autoUpdater,
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    // A packaged build trusts its own handlers; a development run checks every answer against the contract.
    createCore: (options) => createDesktopCore({ ...options, appVersion: app.getVersion(), checkResults: !app.isPackaged }),
    loadPolicy: () => loadMachinePolicy(),
    argv: process.argv,
    platform: process.platform,
    log,
    launch: {
      platformUrl: process.env.SWITCHBOARD_PLATFORM_URL,
      signIn:
        process.env.SWITCHBOARD_DEMO_USERNAME && process.env.SWITCHBOARD_DEMO_PASSWORD
          ? { username: process.env.SWITCHBOARD_DEMO_USERNAME, password: process.env.SWITCHBOARD_DEMO_PASSWORD }
          : undefined,
    },
  }).catch((error: unknown) => {
    console.error('switchboard: failed to start', error);
    app.exit(1);
  });
}
