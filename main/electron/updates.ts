/**
 * Automatic updates through electron-updater, under IT's control: the policy can switch them off,
 * pick the channel, or point at an internal mirror. Development builds never update themselves.
 */

/** The slice of electron-updater's autoUpdater this module uses. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface UpdatePolicy {
  updatesDisabled?: unknown;
  updateChannel?: unknown;
  updateUrl?: unknown;
}

export type UpdateDecision =
  | { checking: false; reason: 'disabled by policy' | 'not a packaged build' }
  | { checking: true; channel: string; feed: 'publish config' | string };

export function configureUpdates(updater: UpdaterPort, policy: UpdatePolicy, isPackaged: boolean, log: (message: string) => void = console.warn): UpdateDecision {
  if (policy.updatesDisabled === true) {
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    return { checking: false, reason: 'disabled by policy' };
  }
  if (!isPackaged) return { checking: false, reason: 'not a packaged build' };

  const channel = typeof policy.updateChannel === 'string' ? policy.updateChannel : 'latest';
  updater.channel = channel;
  updater.allowPrerelease = channel !== 'latest';
  updater.allowDowngrade = false;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  let feed = 'publish config';
  if (typeof policy.updateUrl === 'string') {
    updater.setFeedURL({ provider: 'generic', url: policy.updateUrl, channel });
    feed = policy.updateUrl;
  }
  // An unreachable update server must never disturb an agent's shift: note it in the log, nothing more.
  updater.checkForUpdatesAndNotify().catch((error: unknown) => log(`updates: the check failed: ${error instanceof Error ? error.message : String(error)}`));
  return { checking: true, channel, feed };
}
