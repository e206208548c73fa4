/**
 * Seed 003 transfers and conference: a named-agent transfer raises a new DIRECT_TRANSFER item in mode
 * AGENT offered to the target (RONA closes it); a queue transfer queues a DIRECT_TRANSFER item in mode
 * QUEUE; the original is closed TRANSFERRED. A conference offers a DIRECT_CONFERENCE item.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { activeItemFor, itemEventually, offeredTo, ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('transfer and conference', () => {
  it('named-agent transfer, answered: new DIRECT_TRANSFER/AGENT item offered to the target and accepted; original closed TRANSFERRED', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const bob = await scene.agent('bob');
    const bobMark = bob.events.mark();

    const res = await alice.api.act(original.workitemId, 'transfer', { agentUsername: 'bob' });
    expect(res.status).toBeLessThan(300);

    const offer = await offeredTo(bob.events, 'bob', undefined, 3_000, bobMark);
    const transferred = offer.workitem!;
    expect(transferred.workitemId).not.toBe(original.workitemId);
    expect(transferred.direction).toBe('DIRECT_TRANSFER');
    expect(transferred.mode).toBe('AGENT');
    expect(transferred.state).toBe('offered');

    const accepted = ok(await bob.api.act(transferred.workitemId, 'accept'), 'target accepts');
    expect(accepted.state).toBe('active');
    expect(accepted.agentUsername).toBe('bob');

    const closed = await itemEventually(scene.sup, original.workitemId, (i) => i.state === 'closed', 3_000);
    expect(closed.reasonCode).toBe('TRANSFERRED');
    // The original passed through wrap-up (seed 003: WRAP_UP, then CLOSED, both TRANSFERRED).
    const states = scene.supEvents.forItem(original.workitemId).flatMap((e) => (e.workitem ? [e.workitem.state] : []));
    expect(states).toContain('terminated');
  });

  it('named-agent transfer, not answered: the new item is closed RONA', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const bob = await scene.agent('bob');
    const bobMark = bob.events.mark();
    ok(await alice.api.act(original.workitemId, 'transfer', { agentUsername: 'bob' }), 'transfer');
    const offer = await offeredTo(bob.events, 'bob', undefined, 3_000, bobMark);
    const transferred = offer.workitem!;

    // bob lets it ring out: the transfer item is closed RONA, not re-queued.
    const closed = await itemEventually(scene.sup, transferred.workitemId, (i) => i.state === 'closed', 3_000);
    expect(closed.reasonCode).toBe('RONA');
    const states = scene.supEvents.forItem(transferred.workitemId).flatMap((e) => (e.workitem ? [e.workitem.state] : []));
    expect(states).not.toContain('inqueue');
    // Seed 003: "NO_AGENT_AVAILABLE is published" — the platform records it in the item's activity log.
    expect(closed.timeEvents.map((e) => e.type)).toContain('NO_AGENT_AVAILABLE');
  });

  it('named-agent transfer to an agent who is not available: the new item is closed RONA at once', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const res = ok(await alice.api.act(original.workitemId, 'transfer', { agentUsername: 'bob' }), 'transfer'); // bob never logged in
    const createdId = (res as { created?: { workitemId: string } }).created?.workitemId;
    const created = await scene.supEvents.waitFor((e) => e.workitem?.direction === 'DIRECT_TRANSFER' && e.workitem.state === 'closed', 2_000);
    if (createdId) expect(created.workitem!.workitemId).toBe(createdId);
    expect(created.workitem!.reasonCode).toBe('RONA');
  });

  it('queue transfer: a DIRECT_TRANSFER/QUEUE item waits in the target queue; the original is closed TRANSFERRED', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const mark = scene.supEvents.mark();
    ok(await alice.api.act(original.workitemId, 'transfer', { queueId: 'sales' }), 'transfer to queue');

    const createdEvent = await scene.supEvents.waitFor((e) => e.type === 'workitem.created' && e.workitem?.direction === 'DIRECT_TRANSFER', 3_000, mark);
    const queued = createdEvent.workitem!;
    expect(queued.mode).toBe('QUEUE');
    expect(queued.queueId).toBe('sales');
    expect(queued.state).toBe('inqueue');
    expect(queued.workitemId).not.toBe(original.workitemId);

    const closed = await itemEventually(scene.sup, original.workitemId, (i) => i.state === 'closed', 3_000);
    expect(closed.reasonCode).toBe('TRANSFERRED');

    // Someone serving sales becomes available and is offered the transferred item.
    const carol = await scene.agent('carol');
    await offeredTo(carol.events, 'carol', queued.workitemId);
  });

  it('transfer to an unknown queue or agent is a 4xx with a clear error, never a 500', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    for (const body of [{ queueId: 'no-such-queue' }, { agentUsername: 'no-such-agent' }, { queueId: 'sales', agentUsername: 'bob' }, {}]) {
      const res = await alice.api.act(original.workitemId, 'transfer', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.error.code).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
    }
    expect(ok(await alice.api.item(original.workitemId)).state).toBe('active');
  });

  it('conference: a DIRECT_CONFERENCE item is offered to the other agent', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const bob = await scene.agent('bob');
    const bobMark = bob.events.mark();
    ok(await alice.api.act(original.workitemId, 'conference', { agentUsername: 'bob' }), 'conference');

    const offer = await offeredTo(bob.events, 'bob', undefined, 3_000, bobMark);
    const conference = offer.workitem!;
    expect(conference.workitemId).not.toBe(original.workitemId);
    expect(conference.direction).toBe('DIRECT_CONFERENCE');
    const joined = ok(await bob.api.act(conference.workitemId, 'accept'), 'bob joins');
    expect(joined.state).toBe('active');
    // The original stays with alice (it is not transferred away).
    const mine = ok(await alice.api.item(original.workitemId));
    expect(mine.agentUsername).toBe('alice');
    expect(['active', 'conference']).toContain(mine.state);
  });

  it('conference with a queue: a DIRECT_CONFERENCE item waits in that queue', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const original = await activeItemFor(scene, 'alice', alice);
    const mark = scene.supEvents.mark();
    ok(await alice.api.act(original.workitemId, 'conference', { queueId: 'sales' }), 'conference queue');
    const created = await scene.supEvents.waitFor((e) => e.type === 'workitem.created' && e.workitem?.direction === 'DIRECT_CONFERENCE', 3_000, mark);
    expect(created.workitem).toMatchObject({ mode: 'QUEUE', queueId: 'sales', state: 'inqueue' });
    const carol = await scene.agent('carol');
    await offeredTo(carol.events, 'carol', created.workitem!.workitemId);
  });

  it('a transferred chat keeps its conversation for the new agent', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const chat = ok(await scene.sup.post('/v1/chats', { queueId: 'support', customer: { name: 'Dana' }, text: 'Where is my parcel?' }));
    await offeredTo(alice.events, 'alice', chat.workitemId);
    ok(await alice.api.act(chat.workitemId, 'accept'));
    ok(await alice.api.post(`/v1/workitems/${chat.workitemId}/messages`, { text: 'Passing you to a colleague' }));
    const bob = await scene.agent('bob');
    const bobMark = bob.events.mark();
    ok(await alice.api.act(chat.workitemId, 'transfer', { agentUsername: 'bob' }));
    const offer = await offeredTo(bob.events, 'bob', undefined, 3_000, bobMark);
    ok(await bob.api.act(offer.workitem!.workitemId, 'accept'));
    const messages = ok(await bob.api.get(`/v1/workitems/${offer.workitem!.workitemId}/messages`));
    expect(messages.map((m: { text: string }) => m.text)).toEqual(['Where is my parcel?', 'Passing you to a colleague']);
  });
});
