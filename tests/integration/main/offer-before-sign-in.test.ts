/**
 * An agent who signs in while an offer is already ringing for them must still see it: the offer happened
 * before the desktop's event stream opened, so only the snapshot knows of it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../../main/core';
import { PlatformClient } from '../../../main/core/platform/http-client';
import { invokeOk, makeTempDir, queueCall, recordEvents, removeDir, startTestPlatform, supervisor, waitUntil, type RunningTestPlatform } from './helpers';

let platform: RunningTestPlatform;
let dataDir: string;
let core: DesktopCore;

beforeAll(async () => {
  platform = await startTestPlatform();
  dataDir = makeTempDir();
});
afterAll(async () => {
  await core?.close();
  await platform?.close();
  removeDir(dataDir);
  removeDir(platform.dataDir);
});

it('rings an offer made before sign-in once the desktop is online, and only once', async () => {
  // Alice is available from another session (e.g. the desktop that crashed), and a call is offered to her.
  const other = new PlatformClient(platform.url);
  other.setToken((await other.login('alice', 'alice-pw')).token);
  await other.setPresence({ state: 'available' }, crypto.randomUUID());
  const sup = await supervisor(platform.url);
  const call = await queueCall(sup, 'Ringing before sign-in');
  await waitUntil(async () => (await sup.getWorkItem(call.workitemId)).state === 'offered', 'the offer');

  core = await createDesktopCore({ dataDir, platformUrl: platform.url });
  const recorder = recordEvents(core);
  await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
  const offer = await recorder.waitFor('offerReceived', (o) => o.item.workitemId === call.workitemId);
  expect(offer.expiresAt).toBeGreaterThan(Date.now());
  await recorder.waitFor('connectionChanged', (s) => s.state === 'online');
  expect(recorder.of('offerReceived').filter((o: { item: { workitemId: string } }) => o.item.workitemId === call.workitemId)).toHaveLength(1);
});
