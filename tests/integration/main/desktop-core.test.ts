/**
 * The desktop core against the real platform: sign in, snapshot, live offer, accept → hang up →
 * disposition, and the platform shows the item dispositioned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from '../../../main/core';
import { Backoff } from '../../../common/backoff';
import type { PlatformClient } from '../../../main/core/platform/http-client';
import { invokeOk, makeTempDir, queueCall, recordEvents, removeDir, startTestPlatform, supervisor, timeEventCounts, waitUntil, type RunningTestPlatform } from './helpers';

describe('desktop core ⇄ platform', () => {
  let platform: RunningTestPlatform;
  let sup: PlatformClient;
  let dataDir: string;
  let core: DesktopCore;
  let recorder: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    sup = await supervisor(platform.url);
    dataDir = makeTempDir();
    core = await createDesktopCore({ dataDir, platformUrl: platform.url, streamBackoff: () => new Backoff({ baseMs: 50, capMs: 500 }), outboxBackoff: new Backoff({ baseMs: 50, capMs: 500 }) });
    recorder = recordEvents(core);
  });
  afterAll(async () => {
    await core?.close();
    await platform?.close();
    removeDir(dataDir);
    removeDir(platform.dataDir);
  });

  it('refuses a wrong password with UNAUTHENTICATED', async () => {
    const result = await core.invoke('signIn', { username: 'alice', password: 'wrong' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('signs in, takes a snapshot and goes online', async () => {
    const existing = await sup.createWorkItem({ type: 'task', subject: 'Existing task for Alice', assignee: { agentUsername: 'alice' } }, crypto.randomUUID());
    const session = await invokeOk(core, 'signIn', { username: 'alice', password: 'alice-pw' });
    expect(session).toMatchObject({ agent: { username: 'alice' }, platformUrl: platform.url, tokenInMemoryOnly: true });
    await recorder.waitFor('connectionChanged', (s) => s.state === 'online');
    const inbox = await invokeOk(core, 'listInbox', { text: 'existing' });
    expect(inbox.items.map((i: { workitemId: string }) => i.workitemId)).toContain(existing.workitemId);
    expect((await invokeOk(core, 'listQueues', {})).map((q: { queueId: string }) => q.queueId)).toContain('support');
  });

  it('gets a live offer, accepts, hangs up and dispositions it; the platform shows it dispositioned', async () => {
    const presence = await invokeOk(core, 'setPresence', { state: 'available' });
    expect(presence).toMatchObject({ username: 'alice', state: 'available' });
    const created = await queueCall(sup, 'Live call for Alice');
    const offer = await recorder.waitFor('offerReceived', (o) => o.item.workitemId === created.workitemId);
    expect(offer.expiresAt).toBeGreaterThan(Date.now());

    const accepted = await invokeOk(core, 'accept', { workitemId: created.workitemId });
    expect(['accepted', 'active']).toContain(accepted.state);
    const hungUp = await invokeOk(core, 'hangup', { workitemId: created.workitemId });
    expect(hungUp.state).toBe('terminated');
    const codes = await invokeOk(core, 'listDispositions', { queueId: 'support' });
    expect(codes.codes).toContain('resolved');
    const done = await invokeOk(core, 'disposition', { workitemId: created.workitemId, code: 'resolved', notes: 'sorted' });
    expect(done.state).toBe('dispositioned');

    const truth = await sup.getWorkItem(created.workitemId);
    expect(truth.state).toBe('dispositioned');
    expect(truth.disposition).toMatchObject({ code: 'resolved', notes: 'sorted', auto: false });
    await waitUntil(async () => (await invokeOk(core, 'getWorkItem', { workitemId: created.workitemId })).version >= truth.version, 'the cache to catch up');
    expect(await invokeOk(core, 'getWorkItem', { workitemId: created.workitemId })).toMatchObject({ state: 'dispositioned', version: truth.version });
    expect(timeEventCounts(truth)).toMatchObject({ accepted: 1, hangup: 1, dispositioned: 1 });
    expect((await invokeOk(core, 'getConnection', {})).pendingActions).toBe(0);
  });

  it('a refusal from the platform rolls the optimistic change back and emits actionRejected', async () => {
    const created = await queueCall(sup, 'Call to be refused');
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === created.workitemId);
    await invokeOk(core, 'accept', { workitemId: created.workitemId });
    await invokeOk(core, 'hangup', { workitemId: created.workitemId });
    const refused = await core.invoke('disposition', { workitemId: created.workitemId, code: 'no_such_code' });
    expect(refused.ok).toBe(false);
    const rejected = await recorder.waitFor('actionRejected', (r) => r.workitemId === created.workitemId);
    expect(rejected).toMatchObject({ operation: 'disposition', error: { code: (refused as { error: { code: string } }).error.code } });
    expect(rejected.error.code).not.toBe('OFFLINE');
    expect(await invokeOk(core, 'getWorkItem', { workitemId: created.workitemId })).toMatchObject({ state: 'terminated' });
    expect((await sup.getWorkItem(created.workitemId)).state).toBe('terminated');
    await invokeOk(core, 'disposition', { workitemId: created.workitemId, code: 'resolved' });
  });

  it('creates tasks and notes through the outbox', async () => {
    const task = await invokeOk(core, 'createTask', { type: 'task', subject: 'Follow up with Carol', assignee: { agentUsername: 'alice' } });
    expect(task.workitemId).toMatch(/^wi_/);
    expect(task.workitemId).not.toMatch(/^wi_local-/);
    const note = await invokeOk(core, 'addNote', { workitemId: task.workitemId, text: 'Carol prefers email' });
    expect(note).toMatchObject({ workitemId: task.workitemId, text: 'Carol prefers email' });
    const callback = await invokeOk(core, 'createCallback', { phone: '+1 415 555 0123', name: 'Dave', queueId: 'support' });
    expect(callback).toMatchObject({ type: 'callback' });
  });
});
