import { describe, expect, it, vi } from 'vitest';
import { configureUpdates, type UpdaterPort } from '../../../../main/electron/updates';

function fakeUpdater() {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    allowPrerelease: false,
    channel: null as string | null,
    setFeedURL: vi.fn(),
    checkForUpdatesAndNotify: vi.fn(async () => null),
  } satisfies UpdaterPort;
}

describe('configureUpdates', () => {
  it('never checks when the policy turns updates off', () => {
    const updater = fakeUpdater();
    expect(configureUpdates(updater, { updatesDisabled: true, updateChannel: 'beta' }, true)).toEqual({ checking: false, reason: 'disabled by policy' });
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('does not update development builds', () => {
    const updater = fakeUpdater();
    expect(configureUpdates(updater, {}, false)).toMatchObject({ checking: false, reason: 'not a packaged build' });
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
  });

  it('follows the policy channel and mirror', () => {
    const updater = fakeUpdater();
    const decision = configureUpdates(updater, { updateChannel: 'beta', updateUrl: 'https://updates.corp.example/switchboard' }, true);
    expect(decision).toEqual({ checking: true, channel: 'beta', feed: 'https://updates.corp.example/switchboard' });
    expect(updater.channel).toBe('beta');
    expect(updater.allowPrerelease).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.corp.example/switchboard', channel: 'beta' });
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
  });

  it('defaults to the stable channel from the publish config; a failing check is swallowed', async () => {
    const updater = fakeUpdater();
    updater.checkForUpdatesAndNotify.mockRejectedValueOnce(new Error('net::ERR_NAME_NOT_RESOLVED'));
    expect(configureUpdates(updater, {}, true)).toEqual({ checking: true, channel: 'latest', feed: 'publish config' });
    expect(updater.allowPrerelease).toBe(false);
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
  });
});
