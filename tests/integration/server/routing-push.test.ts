/**
 * Seed 003, PUSH mode: an inbound item waits in its queue, is offered to an available agent for the
 * queue's offer timeout, and is accepted, declined (RONA) or times out; the queue's TTL closes it
 * NO_AGENT_AVAILABLE when nobody takes it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inboundItem, itemIdOf, offeredTo, ok, queueOf, startScene, type RawConfig, type Scene } from './helpers';

let scene: Scene | undefined;

/** Agents take one chat at a time, so each offer waits for the previous item to end. */
function oneChatEach(raw: RawConfig): void {
  for (const agent of raw.agents as RawConfig[]) agent.capacity = { ...agent.capacity, chat: 1 };
}
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

/** Consecutive duplicates removed: the path of states an item took. */
function statePath(states: string[]): string[] {
  return states.filter((s, i) => i === 0 || s !== states[i - 1]);
}

describe('PUSH routing', () => {
  it('queues an inbound item, offers it with offerExpiresAt, and accept makes it active; events in order', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const created = await inboundItem(scene.sup);
    expect(created.direction).toBe('INBOUND');
    expect(created.mode).toBe('QUEUE');
    expect(created.queueId).toBe('support');
    expect(['inqueue', 'offered']).toContain(created.state);

    const offer = await offeredTo(alice.events, 'alice', created.workitemId);
    const offered = offer.workitem!;
    expect(offered.state).toBe('offered');
    expect(offered.agentUsername).toBe('alice');
    expect(offer.offer?.expiresAt).toBe(offered.offerExpiresAt);
    // offerExpiresAt = offeredAt + the queue's offer timeout (0.4 s)
    expect(offered.offerExpiresAt! - offered.offeredAt!).toBeGreaterThanOrEqual(350);
    expect(offered.offerExpiresAt! - offered.offeredAt!).toBeLessThanOrEqual(500);

    const accepted = ok(await alice.api.act(created.workitemId, 'accept'), 'accept');
    expect(accepted.state).toBe('active');
    expect(accepted.agentUsername).toBe('alice');
    expect(accepted.assignedAt).not.toBeNull();
    expect(accepted.version).toBeGreaterThan(offered.version);

    await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'active');
    const events = scene.supEvents.forItem(created.workitemId);
    expect(events[0].type).toBe('workitem.created');
    expect(events[0].workitem?.state).toBe('inqueue');
    expect(statePath(events.filter((e) => e.workitem).map((e) => e.workitem!.state))).toEqual(['inqueue', 'offered', 'active']);
    for (let i = 1; i < events.length; i++) {
      expect(events[i].seq).toBeGreaterThan(events[i - 1].seq);
      if (events[i].workitem && events[i - 1].workitem) expect(events[i].workitem!.version).toBeGreaterThanOrEqual(events[i - 1].workitem!.version);
    }

    // The accepted offer's deadline must not fire afterwards.
    await new Promise((r) => setTimeout(r, 600));
    const later = ok(await alice.api.item(created.workitemId));
    expect(later.state).toBe('active');
    expect(later.agentUsername).toBe('alice');
    expect(scene.supEvents.events.some((e) => e.type === 'workitem.offer_rescinded' && itemIdOf(e) === created.workitemId)).toBe(false);
  });

  it('decline → RONA: offer rescinded, agent moved to ronaPresence with reason RONA, item re-offered to another agent keeping its age', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const bob = await scene.agent('bob');
    const created = await inboundItem(scene.sup);
    const first = await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'offered');
    const [decliner, other] = first.agentUsername === 'alice' ? [alice, bob] : [bob, alice];
    const declinerName = first.agentUsername!;
    const otherName = declinerName === 'alice' ? 'bob' : 'alice';
    const otherMark = other.events.mark();

    ok(await decliner.api.act(created.workitemId, 'decline'), 'decline');

    const rescinded = await decliner.events.waitFor((e) => e.type === 'workitem.offer_rescinded' && itemIdOf(e) === created.workitemId);
    expect(rescinded.offer?.reason).toBe('RONA');

    const me = ok(await decliner.api.get('/v1/agents/me'));
    expect(me.presence.state).toBe('not_ready');
    expect(me.presence.reasonCode).toBe('RONA');
    const presenceEvent = await decliner.events.waitFor((e) => e.type === 'agent.presence' && e.agent?.username === declinerName && e.agent.state === 'not_ready');
    expect(presenceEvent.agent?.reasonCode).toBe('RONA');

    const reoffer = await offeredTo(other.events, otherName, created.workitemId, 3_000, otherMark);
    expect(reoffer.workitem?.workitemId).toBe(created.workitemId);
    expect(reoffer.workitem?.createdAt).toBe(created.createdAt);
    expect(reoffer.workitem?.agentUsername).toBe(otherName);
  });

  it('offer timeout → RONA with reason TIMEOUT, re-offered to another agent', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const bob = await scene.agent('bob');
    const created = await inboundItem(scene.sup);
    const first = await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'offered');
    const [silent, other] = first.agentUsername === 'alice' ? [alice, bob] : [bob, alice];
    const silentName = first.agentUsername!;
    const otherName = silentName === 'alice' ? 'bob' : 'alice';

    const rescinded = await silent.events.waitFor((e) => e.type === 'workitem.offer_rescinded' && itemIdOf(e) === created.workitemId, 2_000);
    expect(rescinded.offer?.reason).toBe('TIMEOUT');
    // Not before the deadline (0.4 s after the offer).
    expect(rescinded.at).toBeGreaterThanOrEqual(first.offerExpiresAt! - 20);

    const me = ok(await silent.api.get('/v1/agents/me'));
    expect(me.presence.state).toBe('not_ready');
    expect(me.presence.reasonCode).toBe('RONA');

    const reoffer = await offeredTo(other.events, otherName, created.workitemId);
    expect(reoffer.workitem?.createdAt).toBe(created.createdAt);
    ok(await other.api.act(created.workitemId, 'accept'), 'accept after re-offer');
  });

  it('TTL: an item nobody takes is closed NO_AGENT_AVAILABLE when the queue TTL ends', async () => {
    scene = await startScene();
    const created = await inboundItem(scene.sup, 'overflow'); // ttl 1 s, nobody serves it
    const closed = await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'closed', 3_000);
    expect(closed.reasonCode).toBe('NO_AGENT_AVAILABLE');
    const closedEvent = scene.supEvents.forItem(created.workitemId).find((e) => e.workitem?.state === 'closed')!;
    expect(closedEvent.at - created.createdAt).toBeGreaterThanOrEqual(950);
    expect(ok(await scene.sup.item(created.workitemId)).state).toBe('closed');
  });

  it('TTL counts from creation across RONA: declined by the only agent, the item closes NO_AGENT_AVAILABLE', async () => {
    scene = await startScene({ patch: (raw) => (queueOf(raw, 'support').ttlSeconds = 1.5) });
    const alice = await scene.agent('alice');
    const created = await inboundItem(scene.sup);
    await offeredTo(alice.events, 'alice', created.workitemId);
    const mark = scene.supEvents.mark();
    ok(await alice.api.act(created.workitemId, 'decline'), 'decline');
    const back = await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'inqueue', 2_000, mark);
    expect(back.createdAt).toBe(created.createdAt);
    const closed = await scene.supEvents.waitForItem(created.workitemId, (i) => i.state === 'closed', 3_000);
    expect(closed.reasonCode).toBe('NO_AGENT_AVAILABLE');
    const closedAt = scene.supEvents.forItem(created.workitemId).find((e) => e.workitem?.state === 'closed')!.at;
    expect(closedAt - created.createdAt).toBeGreaterThanOrEqual(1_450);
    expect(closedAt - created.createdAt).toBeLessThan(2_500);
  });

  it('picks the waiting item by priority, then age', async () => {
    scene = await startScene({ patch: oneChatEach });
    const low = await inboundItem(scene.sup, 'support', { priority: 8 });
    const oldNormal = await inboundItem(scene.sup, 'support', { priority: 5 });
    const newNormal = await inboundItem(scene.sup, 'support', { priority: 5 });
    const critical = await inboundItem(scene.sup, 'support', { priority: 1 });
    const alice = await scene.agent('alice');
    let cursor = 0; // alice's next offer is the first one after the previous
    const takeNext = async (expectedId: string) => {
      const offer = await offeredTo(alice.events, 'alice', undefined, 3_000, cursor);
      cursor = alice.events.events.indexOf(offer) + 1;
      expect(offer.workitem?.workitemId).toBe(expectedId);
      ok(await alice.api.act(expectedId, 'accept'));
      ok(await alice.api.act(expectedId, 'hangup'));
      ok(await alice.api.act(expectedId, 'disposition', { code: 'resolved' }));
    };
    for (const next of [critical, oldNormal, newNormal, low]) await takeNext(next.workitemId);
  });

  it('offers to the agent idle longest', async () => {
    scene = await startScene({ patch: oneChatEach });
    const alice = await scene.agent('alice');
    await new Promise((r) => setTimeout(r, 50));
    const bob = await scene.agent('bob');
    const first = await inboundItem(scene.sup);
    await offeredTo(alice.events, 'alice', first.workitemId);
    const second = await inboundItem(scene.sup);
    await offeredTo(bob.events, 'bob', second.workitemId);
  });

  it('offers only within capacity: a second call waits until the agent is free again', async () => {
    scene = await startScene(); // alice: voice capacity 1
    const alice = await scene.agent('alice');
    const first = await inboundItem(scene.sup, 'support', { type: 'call', channel: undefined, contact: { name: 'One' } });
    const second = await inboundItem(scene.sup, 'support', { type: 'call', channel: undefined, contact: { name: 'Two' } });
    await offeredTo(alice.events, 'alice', first.workitemId);
    const accepted = ok(await alice.api.act(first.workitemId, 'accept'), 'accept call');
    expect(['accepted', 'active']).toContain(accepted.state);
    await new Promise((r) => setTimeout(r, 300));
    expect(ok(await scene.sup.item(second.workitemId)).state).toBe('inqueue');
    expect(alice.events.forItem(second.workitemId)).toEqual([]);

    ok(await alice.api.act(first.workitemId, 'hangup'), 'hangup');
    ok(await alice.api.act(first.workitemId, 'disposition', { code: 'resolved' }), 'disposition');
    await offeredTo(alice.events, 'alice', second.workitemId);
  });
});
