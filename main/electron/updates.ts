/**
 * Automatic updates through electron-updater, under IT's control and never in the agent's way: the
 * policy can switch them off, pick the channel, point at an internal mirror and stage the rollout; what
 * to take and when to install is decided by the UpdatePlanner (main/core/updates), which this module
 * only carries out. Development builds never update themselves.
 */
import type { Policy } from '../policy/load-policy';
import type { AgentActivity, Clock, OfferedUpdate } from '../core/updates/update-planner';
import { UpdatePlanner } from '../core/updates/update-planner';

/** The slice of electron-updater's autoUpdater this module uses. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{ updateInfo: OfferedUpdate } | null>;
  /** downloads and verifies against the SHA-512 in the feed (and, on Windows, the installer's signer) */
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export type UpdateDecision =
  | { checking: false; reason: 'disabled by policy' | 'not a packaged build' }
  | { checking: true; channel: string; feed: 'publish config' | string; rolloutPercentage: number | null };

export interface UpdateDeps {
  updater: UpdaterPort;
  policy: Policy['values'];
  isPackaged: boolean;
  currentVersion: string;
  machineId: () => Promise<string>;
  clock: Clock;
  activity: () => AgentActivity;
  /** tells the agent (an OS notification) */
  tell: (message: string) => void;
  log: (message: string) => void;
  /** runs `tick` every `everyMs`; returns a stop function */
  every: (everyMs: number, tick: () => void) => () => void;
}

const TICK_MS = 60_000;

export function startUpdates(deps: UpdateDeps): { decision: UpdateDecision; stop(): void } {
  const { updater, policy } = deps;
  // electron-updater's own defaults download on its own and install at quit; every path here sets them.
  updater.autoDownload = false;
  updater.allowDowngrade = false;
  if (policy.updatesDisabled === true) {
    updater.autoInstallOnAppQuit = false;
    return { decision: { checking: false, reason: 'disabled by policy' }, stop: () => undefined };
  }
  if (!deps.isPackaged) return { decision: { checking: false, reason: 'not a packaged build' }, stop: () => undefined };

  const channel = typeof policy.updateChannel === 'string' ? policy.updateChannel : 'latest';
  const rolloutPercentage = typeof policy.updateRolloutPercentage === 'number' ? policy.updateRolloutPercentage : undefined;
  updater.channel = channel;
  updater.allowPrerelease = channel !== 'latest';
  updater.autoInstallOnAppQuit = true;
  let feed = 'publish config';
  if (typeof policy.updateUrl === 'string') {
    updater.setFeedURL({ provider: 'generic', url: policy.updateUrl, channel });
    feed = policy.updateUrl;
  }

  let planner: UpdatePlanner | null = null;
  let installing = false;
  const tick = async () => {
    planner ??= new UpdatePlanner({ currentVersion: deps.currentVersion, machineId: await deps.machineId(), rolloutPercentage }, deps.clock);
    const action = planner.tick(deps.activity());
    if (action.do === 'check') await check(planner);
    else if (action.do === 'install' && !installing) {
      installing = true;
      deps.log(`updates: installing ${action.version} (the agent is idle, no call or offer)`);
      updater.quitAndInstall(true, true);
    }
  };
  const check = async (current: UpdatePlanner) => {
    try {
      const result = await updater.checkForUpdates();
      current.checkSucceeded();
      if (!result) return;
      const take = current.consider(result.updateInfo);
      if (!take.take) {
        deps.log(`updates: not taking ${result.updateInfo.version}: ${take.reason}`);
        return;
      }
      await updater.downloadUpdate();
      const { tell } = current.downloaded(result.updateInfo.version);
      deps.log(`updates: ${result.updateInfo.version} downloaded and verified; installs at quit or when idle`);
      if (tell) deps.tell(tell);
    } catch (error) {
      // An unreachable update server or a download that fails verification must never disturb an
      // agent's shift: note it in the log, retry later.
      current.checkFailed();
      deps.log(`updates: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const stop = deps.every(TICK_MS, () => void tick().catch((error: unknown) => deps.log(`updates: ${String(error)}`)));
  return { decision: { checking: true, channel, feed, rolloutPercentage: rolloutPercentage ?? null }, stop };
}
