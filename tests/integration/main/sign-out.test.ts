/**
 * The desktop's sign-out ends the session on the platform (issue 11: it was local only, and the agent
 * stayed `available`, so work kept being offered to a desktop nobody watched): it calls POST
 * /v1/auth/logout, so the token is refused everywhere and the agent is offline. With the platform
 * unreachable the local sign-out still goes ahead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDesktopCore, createMemoryTokenStore, type DesktopCore } from '../../../main/core';
import { PlatformClient } from '../../../main/core/platform/http-client';
import { invokeOk, makeTempDir, removeDir, startTestPlatform, type RunningTestPlatform } from './helpers';

describe('desktop sign-out', () => {
  let dataDir: string | undefined;
  let platform: RunningTestPlatform | undefined;
  let core: DesktopCore | undefined;

  afterEach(async () => {
    await core?.close();
    await platform?.close();
    if (platform) removeDir(platform.dataDir);
    if (dataDir) removeDir(dataDir);
    core = platform = dataDir = undefined;
  });

  it('logs out on the platform: the token is refused and the agent is offline, so nothing more is offered', async () => {
    platform = await startTestPlatform();
    dataDir = makeTempDir();
    const tokenStore = createMemoryTokenStore();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await invokeOk(core, 'setPresence', { state: 'available' });
    // another session of hers (a second desktop, say) watches what the platform thinks of her
    const other = new PlatformClient(platform.url);
    other.setToken((await other.login('alice', 'alice-pw')).token);
    expect((await other.me()).presence.state).toBe('available');
    const token = await tokenStore.load();
    expect((await fetch(`${platform.url}/v1/agents/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    await invokeOk(core, 'signOut', {});
    expect((await fetch(`${platform.url}/v1/agents/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await other.me()).presence.state).toBe('offline');
    expect(await invokeOk(core, 'getSession', {})).toMatchObject({ agent: null });
  }, 60_000);

  it('with the platform unreachable, signs out locally all the same', async () => {
    platform = await startTestPlatform();
    dataDir = makeTempDir();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore: createMemoryTokenStore() });
    await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    await platform.close();
    await invokeOk(core, 'signOut', {});
    expect(await invokeOk(core, 'getSession', {})).toMatchObject({ agent: null });
  }, 60_000);
});
