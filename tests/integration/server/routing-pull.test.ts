/**
 * Seed 003, PULL mode: the agent is known beforehand, so the item is created active in mode AGENT without
 * queueing; an item for a team may be taken by any available member.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { itemIdOf, ok, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('PULL routing', () => {
  it('an item for a known agent is created active in mode AGENT, never queued or offered', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const res = await scene.sup.createItem({ type: 'chat', channel: 'webchat', assignee: { agentUsername: 'alice' }, subject: 'Known customer' });
    expect(res.status).toBe(201);
    const item = res.body;
    expect(item.state).toBe('active');
    expect(item.mode).toBe('AGENT');
    expect(item.direction).toBe('INBOUND');
    expect(item.agentUsername).toBe('alice');
    expect(item.assignedAt).not.toBeNull();

    // The agent hears about it on its own stream.
    await alice.events.waitFor((e) => itemIdOf(e) === item.workitemId);
    await scene.supEvents.waitFor((e) => itemIdOf(e) === item.workitemId);
    const states = scene.supEvents.forItem(item.workitemId).flatMap((e) => (e.workitem ? [e.workitem.state] : []));
    expect(states).not.toContain('inqueue');
    expect(states).not.toContain('offered');
    expect(ok(await alice.api.item(item.workitemId)).state).toBe('active');
  });

  it('PULL to an unknown agent is refused with a field error, not a 500', async () => {
    scene = await startScene();
    const res = await scene.sup.createItem({ type: 'chat', assignee: { agentUsername: 'nobody-here' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
  });

  it('an item for a team may be taken by an available member and not by an outsider', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice'); // team billing
    const bob = await scene.agent('bob'); // no team
    const res = await scene.sup.createItem({ type: 'task', subject: 'Billing dispute', assignee: { team: 'billing' } });
    expect(res.status).toBe(201);
    const item = res.body;
    expect(item.team).toBe('billing');

    // alice, the member, hears about it; bob does not and may not take it.
    await alice.events.waitFor((e) => itemIdOf(e) === item.workitemId, 3_000);
    const outsider = await bob.api.act(item.workitemId, 'accept');
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('FORBIDDEN');

    const taken = ok(await alice.api.act(item.workitemId, 'accept'), 'member accepts team item');
    expect(taken.state).toBe('active');
    expect(taken.agentUsername).toBe('alice');
    expect(taken.team).toBe('billing');
    expect(bob.events.forItem(item.workitemId)).toEqual([]);
  });
});
