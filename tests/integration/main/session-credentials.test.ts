/**
 * The login answer's `sip` block and `iceServers` are kept with the session: getSession returns them while
 * signed in, a core restarted with the stored token still has them, and they are gone after sign-out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopCore, createMemoryTokenStore, type DesktopCore, type TokenStore } from '../../../main/core';
import { parseConfig } from '../../../server/config';
import { startPlatform } from '../../../server/platform';
import { invokeOk, makeTempDir, platformConfig, removeDir } from './helpers';

const ICE_SERVERS = [{ urls: 'stun:stun.example.org:3478' }];

/** A token store that outlives one core, as the OS keyring does between launches. */
function keyringLike(): TokenStore {
  const store = createMemoryTokenStore();
  return { ...store, inMemoryOnly: false };
}

describe('session credentials from the login answer', () => {
  let platformDir: string;
  let dataDir: string;
  let platform: { url: string; close(): Promise<void> };
  let core: DesktopCore | null = null;

  beforeEach(async () => {
    platformDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-sip-platform-'));
    dataDir = makeTempDir();
    const config = { ...platformConfig(platformDir), sip: { wsUrl: 'wss://sip.example.org:8443', domain: 'sip.example.org', gateway: 'sip:127.0.0.1:5070', secret: 'a-long-enough-secret', controlPort: 1 }, iceServers: ICE_SERVERS };
    platform = await startPlatform(parseConfig(config, platformDir));
  });
  afterEach(async () => {
    await core?.close();
    await platform.close();
    removeDir(dataDir);
    removeDir(platformDir);
  });

  it('returns them from getSession, keeps them across a restart, and drops them on sign-out', async () => {
    const tokenStore = keyringLike();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    const signedIn = await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    expect(signedIn).toMatchObject({ agent: { username: 'alice' }, sip: { wsUrl: 'wss://sip.example.org:8443', uri: 'sip:alice@sip.example.org' }, iceServers: ICE_SERVERS });
    const sip = (signedIn as { sip: { authorizationUsername: string } }).sip;
    expect(sip.authorizationUsername).toMatch(/^\d+:alice$/);
    await core.close();

    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    const resumed = await invokeOk(core, 'getSession', {});
    expect(resumed).toMatchObject({ agent: { username: 'alice' }, sip, iceServers: ICE_SERVERS });

    const token = await tokenStore.load();
    await invokeOk(core, 'signOut', {});
    // Sign-out ends the session on the platform too: the token is refused there from now on.
    const refused = await fetch(`${platform.url}/v1/agents/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    const signedOut = await invokeOk(core, 'getSession', {});
    expect(signedOut).toEqual({ agent: null, platformUrl: platform.url, tokenInMemoryOnly: false });
    await core.close();

    core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore });
    expect(await invokeOk(core, 'getSession', {})).not.toHaveProperty('sip');
  }, 90_000); // three core starts, each starting its database thread (compiled by tsx from source)
});
