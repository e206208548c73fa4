/**
 * Browser mode end to end: the real desktop core (SQLite cache, outbox, sync) behind the real host, driven
 * through the renderer's WebSocket transport, signed in to the real platform from server/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConnectionState } from '../../../../common/desktop-api';
import { startBrowserHost, type BrowserHost } from '../../../../main/browser/host';
import { createDesktopCore, createMemoryTokenStore, type DesktopCore } from '../../../../main/core';
import { parsePolicy } from '../../../../main/policy/load-policy';
import { createWebSocketSwitchboard, type WebSocketLike, type WebSocketSwitchboard } from '../../../../renderer/src/api';
import { startTestPlatform, type TestPlatform } from '../../../integration/server/helpers';

let platform: TestPlatform;
let core: DesktopCore;
let host: BrowserHost;
let api: WebSocketSwitchboard;
let dataDir: string;
let rendererDir: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-e2e-data-'));
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'sb-e2e-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  const policy = parsePolicy(JSON.stringify({ updatesDisabled: true, featuresDisabled: ['chat'], iceServers: [{ urls: 'http://bad' }] }));
  core = await createDesktopCore({ dataDir, platformUrl: platform.url, tokenStore: createMemoryTokenStore(), policy });
  host = await startBrowserHost({ core, rendererDir, host: '127.0.0.1', port: 0 });
  api = createWebSocketSwitchboard({
    url: `ws://127.0.0.1:${host.port}${host.basePath}/api?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike,
  });
});

afterAll(async () => {
  api?.close();
  await host?.close();
  await core?.close();
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(rendererDir, { recursive: true, force: true });
});

describe('browser mode with the real core and platform', () => {
  it('starts signed out', async () => {
    const session = await api.getSession({});
    expect(session).toMatchObject({ ok: true, value: { agent: null } });
  });

  it('signs in through the WebSocket and pushes the connection going online', async () => {
    const online = new Promise<ConnectionState>((resolve) => {
      const stop = api.onConnectionChanged((state) => {
        if (state.state === 'online') {
          stop();
          resolve(state);
        }
      });
    });
    const signedIn = await api.signIn({ username: 'alice', password: 'alice-pw' });
    expect(signedIn).toMatchObject({ ok: true, value: { agent: { username: 'alice' }, tokenInMemoryOnly: true } });
    await expect(online).resolves.toMatchObject({ state: 'online' });
    const inbox = await api.listInbox({ rows: 10 });
    expect(inbox).toMatchObject({ ok: true, value: { start: 0 } });
  });

  it('a wrong password is an error result, not a broken connection', async () => {
    const refused = await api.signIn({ username: 'alice', password: 'wrong' });
    expect(refused.ok).toBe(false);
    expect(api.isConnected()).toBe(true);
  });

  it('shows the policy: locked keys are read-only, the bad key is reported by name', async () => {
    const settings = await api.getSettings({});
    expect(settings.ok).toBe(true);
    if (!settings.ok) return;
    expect(settings.value.locked.sort()).toEqual(['featuresDisabled', 'updatesDisabled']);
    expect(settings.value.values.updatesDisabled).toBe(true);
    expect(settings.value.policyError).toBe('policy.json: "iceServers[0].urls" must be a stun:/turn: URL');
    await expect(api.setSetting({ key: 'updatesDisabled', value: false })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('rejects a malformed request with the field named', async () => {
    const result = await api.hold({ workitemId: 'wi_1', hold: 'yes' as never });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'hold' }] } });
  });
});
