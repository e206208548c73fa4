/**
 * A network cut between the desktop and the platform (a TCP proxy that severs every connection): the
 * connection state shows it, actions taken meanwhile are answered optimistically and kept, and on
 * reconnect they are replayed in order, exactly once; a refusal that only shows up on replay is rolled
 * back and reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../../main/core';
import type { PlatformClient } from '../../../main/core/platform/http-client';
import {
  invokeOk, queueCall, recordEvents, removeDir, startCoreBehindProxy, startProxy, startTestPlatform, supervisor, timeEventCounts, waitUntil,
  type RunningTestPlatform,
} from './helpers';

describe('network cut', () => {
  let platform: RunningTestPlatform;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let sup: PlatformClient;
  let desktop: Awaited<ReturnType<typeof startCoreBehindProxy>>;
  let core: DesktopCore;
  let recorder: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    sup = await supervisor(platform.url);
    desktop = await startCoreBehindProxy(platform.port);
    ({ proxy, core, recorder } = desktop);
  });
  afterAll(async () => {
    await desktop?.close();
    await platform?.close();
    removeDir(platform.dataDir);
  });

  it('queues actions while cut off and replays them once, in order, on reconnect', async () => {
    const call = await queueCall(sup, 'Call across a network cut');
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === call.workitemId);

    proxy.sever();
    await recorder.waitFor('connectionChanged', (s) => s.state === 'reconnecting' && s.retryAt !== null);

    const accepted = await core.invoke('accept', { workitemId: call.workitemId });
    expect(accepted).toMatchObject({ ok: true, value: { workitemId: call.workitemId, state: 'accepted' } }); // optimistic
    const hungUp = await core.invoke('hangup', { workitemId: call.workitemId });
    expect(hungUp).toMatchObject({ ok: true, value: { state: 'terminated' } });
    const note = await core.invoke('addNote', { workitemId: call.workitemId, text: 'written offline' });
    expect(note).toMatchObject({ ok: true, value: { text: 'written offline' } });
    const done = await core.invoke('disposition', { workitemId: call.workitemId, code: 'follow_up' });
    expect(done).toMatchObject({ ok: true, value: { state: 'dispositioned' } });
    const task = await core.invoke('createTask', { type: 'task', subject: 'Created while offline', assignee: { agentUsername: 'alice' } });
    expect(task).toMatchObject({ ok: true, value: { state: 'inqueue' } });
    const placeholderId = (task as { ok: true; value: { workitemId: string } }).value.workitemId;
    expect(placeholderId).toMatch(/^wi_local-/);

    expect((await invokeOk(core, 'getConnection', {})).pendingActions).toBe(5);
    expect((await sup.getWorkItem(call.workitemId)).state).toBe('offered'); // nothing reached the platform
    expect(await invokeOk(core, 'getWorkItem', { workitemId: call.workitemId })).toMatchObject({ state: 'dispositioned' });

    proxy.restore();
    await waitUntil(async () => (await invokeOk(core, 'getConnection', {})).pendingActions === 0, 'the outbox to drain');
    await recorder.waitFor('connectionChanged', (s) => s.state === 'online' && s.pendingActions === 0);

    const truth = await sup.getWorkItem(call.workitemId);
    expect(truth).toMatchObject({ state: 'dispositioned', disposition: { code: 'follow_up' } });
    expect(timeEventCounts(truth)).toMatchObject({ accepted: 1, hangup: 1, dispositioned: 1 });
    const created = await sup.listWorkItems({ q: 'subject:"Created while offline"', rows: 10 });
    expect(created.total).toBe(1);
    expect(await core.invoke('getWorkItem', { workitemId: placeholderId })).toMatchObject({ ok: false });
    await waitUntil(async () => (await invokeOk(core, 'listInbox', { text: 'created offline' })).total === 1, 'the created task in the inbox');
  });

  it('actions taken offline on an item created offline reach the item the platform created', async () => {
    const mark = recorder.mark();
    proxy.sever();
    await recorder.waitFor('connectionChanged', (s) => s.state === 'reconnecting', 10_000, mark);
    const task = await invokeOk(core, 'createTask', { type: 'task', subject: 'Follow-up written on the train', assignee: { agentUsername: 'alice' } });
    expect(task.workitemId).toMatch(/^wi_local-/);
    await invokeOk(core, 'addNote', { workitemId: task.workitemId, text: 'customer prefers email' });
    proxy.restore();
    await waitUntil(async () => (await invokeOk(core, 'getConnection', {})).pendingActions === 0, 'the outbox to drain');

    const found = await sup.listWorkItems({ q: 'subject:"Follow-up written on the train"', rows: 10 });
    expect(found.total).toBe(1);
    const truth = await sup.getWorkItem(found.items[0].workitemId);
    const notes = truth.timeEvents.filter((e) => e.type === 'note');
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0])).toContain('customer prefers email');
    expect(recorder.of('actionRejected').filter((r: { workitemId: string | null }) => r.workitemId === task.workitemId)).toEqual([]);
  });

  it('rolls back an offline action the platform refuses on replay, with actionRejected', async () => {
    const call = await queueCall(sup, 'Call refused after the cut');
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === call.workitemId);
    await invokeOk(core, 'accept', { workitemId: call.workitemId });
    await invokeOk(core, 'hangup', { workitemId: call.workitemId });

    const mark = recorder.mark();
    proxy.sever();
    await recorder.waitFor('connectionChanged', (s) => s.state === 'reconnecting', 10_000, mark);
    const optimistic = await core.invoke('disposition', { workitemId: call.workitemId, code: 'not_a_code' });
    expect(optimistic).toMatchObject({ ok: true, value: { state: 'dispositioned' } });
    proxy.restore();

    const rejected = await recorder.waitFor('actionRejected', (r) => r.workitemId === call.workitemId);
    expect(rejected.operation).toBe('disposition');
    expect(['VALIDATION_FAILED', 'ILLEGAL_TRANSITION']).toContain(rejected.error.code);
    await waitUntil(async () => (await invokeOk(core, 'getWorkItem', { workitemId: call.workitemId })).state === 'terminated', 'the rollback');
    expect((await sup.getWorkItem(call.workitemId)).state).toBe('terminated');
  });
});
