/**
 * When to check for an update, whether to take one, and when to install it — the decisions, apart from
 * electron-updater and Electron (main/electron/updates.ts carries them out), so they are tested with a
 * fake clock. The rules:
 * - check a minute after start, then every four hours; after a failed check retry sooner (15 min, then
 *   doubling up to the regular interval), never more often;
 * - take an update only when it is newer than the running version (no downgrade, whatever the feed says),
 *   carries a SHA-512 for every file (electron-updater verifies the download against it), and this
 *   machine is inside the policy's rollout percentage;
 * - install only when no call is live and no offer is ringing, and the agent has been idle for ten
 *   minutes; otherwise when Switchboard quits. The agent is told once, when the download is ready.
 */
import { compareVersions } from './version';
import { inRollout } from './rollout';

export interface Clock {
  now(): number;
}

export const UPDATE_TIMING = {
  firstCheckAfterMs: 60_000,
  checkEveryMs: 4 * 60 * 60_000,
  retryAfterFailureMs: 15 * 60_000,
  idleBeforeInstallMs: 10 * 60_000,
} as const;

export interface PlannerSettings {
  currentVersion: string;
  machineId: string;
  /** the policy's updateRolloutPercentage, when set */
  rolloutPercentage?: number;
}

/** What electron-updater says is on offer (its UpdateInfo, the fields that matter here). */
export interface OfferedUpdate {
  version: string;
  files: { url: string; sha512?: string }[];
}

export type TakeDecision = { take: true } | { take: false; reason: string };

/** The agent's situation at a tick: a live call or a ringing offer makes a restart unacceptable. */
export interface AgentActivity {
  busy: boolean;
  idleMs: number;
}

export type PlannerAction = { do: 'check' } | { do: 'install'; version: string } | { do: 'wait' };

export class UpdatePlanner {
  private nextCheckAt: number;
  private retryDelay: number = UPDATE_TIMING.retryAfterFailureMs;
  private checking = false;
  private ready: string | null = null;

  constructor(
    private readonly settings: PlannerSettings,
    private readonly clock: Clock,
  ) {
    this.nextCheckAt = clock.now() + UPDATE_TIMING.firstCheckAfterMs;
  }

  /** Called every minute or so: what to do now. */
  tick(activity: AgentActivity): PlannerAction {
    if (this.ready !== null) {
      if (!activity.busy && activity.idleMs >= UPDATE_TIMING.idleBeforeInstallMs) return { do: 'install', version: this.ready };
      return { do: 'wait' };
    }
    if (!this.checking && this.clock.now() >= this.nextCheckAt) {
      this.checking = true;
      return { do: 'check' };
    }
    return { do: 'wait' };
  }

  checkSucceeded(): void {
    this.checking = false;
    this.retryDelay = UPDATE_TIMING.retryAfterFailureMs;
    this.nextCheckAt = this.clock.now() + UPDATE_TIMING.checkEveryMs;
  }

  checkFailed(): void {
    this.checking = false;
    this.nextCheckAt = this.clock.now() + this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, UPDATE_TIMING.checkEveryMs);
  }

  /** Whether to download what the feed offers. */
  consider(update: OfferedUpdate): TakeDecision {
    const order = compareVersions(update.version, this.settings.currentVersion);
    if (order === null) return { take: false, reason: `"${update.version}" is not a version number` };
    if (order <= 0) return { take: false, reason: `${update.version} is not newer than ${this.settings.currentVersion} (no downgrades)` };
    if (update.files.length === 0 || update.files.some((file) => !file.sha512)) return { take: false, reason: `${update.version} has a file without a SHA-512, so its download could not be verified` };
    if (!inRollout(this.settings.machineId, this.settings.rolloutPercentage)) {
      return { take: false, reason: `this machine is outside the ${this.settings.rolloutPercentage ?? 100}% rollout` };
    }
    return { take: true };
  }

  /** The verified download is in place: from now on it installs when the agent is free, or at quit. */
  downloaded(version: string): { tell: string } {
    const first = this.ready === null;
    this.ready = version;
    return { tell: first ? `Switchboard ${version} is ready. It installs when you quit Switchboard, or when you are idle with no call or offer.` : '' };
  }
}
