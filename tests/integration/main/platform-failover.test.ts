/**
 * The desktop fails over between the nodes of one platform (policy `platformFailoverUrls`, docs/scaling.md
 * "Several nodes"): two real platform processes on one dataDir, the first stopped and the second started in
 * its place on another port (as a standby takes over). The signed-in desktop's queued actions reach the
 * second node once each (same idempotency keys), its event stream resumes there, and new work is offered
 * through it — with only the first URL it would wait for the first node for ever.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../../main/core';
import type { PlatformClient } from '../../../main/core/platform/http-client';
import {
  invokeOk, makeTempDir, queueCall, recordEvents, removeDir, startFailoverAgent, startTestPlatform, supervisor, timeEventCounts, waitUntil,
  type RunningTestPlatform,
} from './helpers';

/** A port nothing listens on now, for the node that starts later (the OS picks it; nothing is fixed). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('desktop failover between platform nodes', () => {
  let first: RunningTestPlatform;
  let second: RunningTestPlatform | null = null;
  let secondPort: number;
  let core: DesktopCore;
  let recorder: ReturnType<typeof recordEvents>;
  let sup: PlatformClient;
  const desktopDir = makeTempDir();

  beforeAll(async () => {
    first = await startTestPlatform();
    secondPort = await freePort();
    ({ core, recorder } = await startFailoverAgent(desktopDir, first.url, [`http://127.0.0.1:${secondPort}`]));
    sup = await supervisor(first.url);
  });
  afterAll(async () => {
    await core?.close();
    await second?.close();
    removeDir(desktopDir);
    removeDir(first.dataDir);
  });

  it('sends queued actions to the next node once each, and follows the event stream there', async () => {
    const call = await queueCall(sup, 'Call across a node failover');
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === call.workitemId);

    const mark = recorder.mark();
    await first.close();
    await recorder.waitFor('connectionChanged', (s) => s.state !== 'online', 10_000, mark);
    expect(await core.invoke('accept', { workitemId: call.workitemId })).toMatchObject({ ok: true });
    await invokeOk(core, 'addNote', { workitemId: call.workitemId, text: 'written while the node was down' });
    expect((await invokeOk(core, 'getConnection', {})).pendingActions).toBeGreaterThan(0);

    // The standby takes over the same data on its own address.
    second = await startTestPlatform(first.dataDir, secondPort);
    await waitUntil(async () => (await invokeOk(core, 'getConnection', {})).pendingActions === 0, 'the outbox to drain on the second node', 15_000);
    await recorder.waitFor('connectionChanged', (s) => s.state === 'online', 15_000, mark);

    const sup2 = await supervisor(second.url);
    const truth = await sup2.getWorkItem(call.workitemId);
    expect(truth.state).toBe('active');
    expect(timeEventCounts(truth)).toMatchObject({ accepted: 1, note: 1 });

    // The stream is on the second node now: new work there reaches the desktop.
    await invokeOk(core, 'hangup', { workitemId: call.workitemId });
    await invokeOk(core, 'disposition', { workitemId: call.workitemId, code: 'resolved' });
    const next = await queueCall(sup2, 'Call offered by the second node');
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === next.workitemId, 15_000);
  });
});
