/** The updater shell carrying out the planner's decisions against a fake electron-updater and a fake clock. */
import { describe, expect, it, vi } from 'vitest';
import { UPDATE_TIMING } from '../../../../main/core/updates/update-planner';
import { startUpdates, type UpdateDeps, type UpdaterPort } from '../../../../main/electron/updates';

function fakeUpdater(offer: { version: string; sha512?: string } | null = null) {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: false,
    channel: null as string | null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => (offer ? { updateInfo: { version: offer.version, files: [{ url: 'x', sha512: offer.sha512 }] } } : null)),
    downloadUpdate: vi.fn(async () => ['/tmp/update']),
    quitAndInstall: vi.fn(),
  } satisfies UpdaterPort;
}

function harness(policy: Record<string, unknown>, updater = fakeUpdater(), isPackaged = true) {
  let time = 0;
  let tick: (() => void) | null = null;
  const activity = { busy: false, idleMs: 0 };
  const told: string[] = [];
  const log = vi.fn();
  const deps: UpdateDeps = {
    updater,
    policy,
    isPackaged,
    currentVersion: '1.4.0',
    machineId: async () => 'machine-a',
    clock: { now: () => time },
    activity: () => activity,
    tell: (message) => told.push(message),
    log,
    every: (_ms, run) => {
      tick = run;
      return () => (tick = null);
    },
  };
  const started = startUpdates(deps);
  /** one minute passes and the tick runs to its end */
  const minute = async () => {
    time += 60_000;
    tick?.();
    await vi.waitFor(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const minutes = async (count: number) => {
    for (let index = 0; index < count; index += 1) await minute();
  };
  return { ...started, updater, activity, told, log, minutes, ticking: () => tick !== null };
}

describe('startUpdates', () => {
  it('never checks when the policy turns updates off, and installs nothing at quit', () => {
    const { decision, updater, ticking } = harness({ updatesDisabled: true, updateChannel: 'beta' });
    expect(decision).toEqual({ checking: false, reason: 'disabled by policy' });
    expect(ticking()).toBe(false);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('does not update development builds', () => {
    const { decision, ticking } = harness({}, fakeUpdater(), false);
    expect(decision).toEqual({ checking: false, reason: 'not a packaged build' });
    expect(ticking()).toBe(false);
  });

  it('follows the policy channel, mirror and rollout; never lets electron-updater download or downgrade on its own', () => {
    const { decision, updater } = harness({ updateChannel: 'beta', updateUrl: 'https://updates.corp.example/switchboard', updateRolloutPercentage: 25 });
    expect(decision).toEqual({ checking: true, channel: 'beta', feed: 'https://updates.corp.example/switchboard', rolloutPercentage: 25 });
    expect(updater.channel).toBe('beta');
    expect(updater.allowPrerelease).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.corp.example/switchboard', channel: 'beta' });
  });

  it('checks, downloads a newer version, tells the agent, and installs only once the agent is free and idle', async () => {
    const h = harness({}, fakeUpdater({ version: '1.5.0', sha512: 'abc' }));
    expect(h.decision).toMatchObject({ checking: true, channel: 'latest', feed: 'publish config' });
    await h.minutes(1 + UPDATE_TIMING.firstCheckAfterMs / 60_000);
    expect(h.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(h.updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(h.told).toEqual([expect.stringContaining('Switchboard 1.5.0 is ready')]);

    h.activity.busy = true;
    h.activity.idleMs = 60 * 60_000;
    await h.minutes(30);
    expect(h.updater.quitAndInstall).not.toHaveBeenCalled();
    h.activity.busy = false;
    h.activity.idleMs = 0;
    await h.minutes(5);
    expect(h.updater.quitAndInstall).not.toHaveBeenCalled();
    h.activity.idleMs = UPDATE_TIMING.idleBeforeInstallMs;
    await h.minutes(2);
    expect(h.updater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(h.updater.quitAndInstall).toHaveBeenCalledWith(true, true);
  });

  it('does not download a downgrade or an unverifiable file, and says why in the log', async () => {
    const older = harness({}, fakeUpdater({ version: '1.3.0', sha512: 'abc' }));
    await older.minutes(3);
    expect(older.updater.downloadUpdate).not.toHaveBeenCalled();
    expect(older.log).toHaveBeenCalledWith('updates: not taking 1.3.0: 1.3.0 is not newer than 1.4.0 (no downgrades)');
    const unsigned = harness({}, fakeUpdater({ version: '1.5.0' }));
    await unsigned.minutes(3);
    expect(unsigned.updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('a failed check or download is logged and retried later, never shown to the agent', async () => {
    const h = harness({}, fakeUpdater({ version: '1.5.0', sha512: 'abc' }));
    h.updater.downloadUpdate.mockRejectedValueOnce(new Error('sha512 checksum mismatch'));
    await h.minutes(3);
    expect(h.log).toHaveBeenCalledWith('updates: sha512 checksum mismatch');
    expect(h.told).toEqual([]);
    await h.minutes(15);
    expect(h.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(h.told).toHaveLength(1);
  });
});
