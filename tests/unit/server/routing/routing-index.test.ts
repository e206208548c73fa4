import { describe, expect, it } from 'vitest';
import { RoutingIndex, type WaitingItem } from '../../../../server/routing/routing-index';

const CAP = { voice: 1, chat: 2, email: 5, task: 5 };

function agent(index: RoutingIndex, username: string, pools: string[], idleSince: number, available = true) {
  index.upsertAgent({ username, pools, capacity: CAP, available, idleSince });
}

function item(id: string, extra: Partial<WaitingItem> = {}): WaitingItem {
  return { workitemId: id, pool: 'queue:support', bucket: 'chat', priority: 5, orderAt: 100, skippedBy: null, ...extra };
}

describe('RoutingIndex.decideNext', () => {
  it('picks the lowest priority number, then the oldest', () => {
    const index = new RoutingIndex();
    agent(index, 'alice', ['queue:support'], 0);
    index.addWaiting(item('wi_new', { orderAt: 300, priority: 5 }));
    index.addWaiting(item('wi_old', { orderAt: 100, priority: 5 }));
    index.addWaiting(item('wi_urgent', { orderAt: 500, priority: 1 }));
    expect(index.decideNext()?.item.workitemId).toBe('wi_urgent');
    index.removeWaiting('wi_urgent');
    expect(index.decideNext()?.item.workitemId).toBe('wi_old');
  });

  it('offers to the longest idle available agent who serves the pool', () => {
    const index = new RoutingIndex();
    agent(index, 'alice', ['queue:support'], 500);
    agent(index, 'bob', ['queue:support'], 200);
    agent(index, 'carol', ['queue:sales'], 0);
    agent(index, 'dave', ['queue:support'], 0, false);
    index.addWaiting(item('wi_1'));
    expect(index.decideNext()).toEqual({ item: expect.objectContaining({ workitemId: 'wi_1' }), agentUsername: 'bob' });
  });

  it('respects capacity per bucket and frees it again', () => {
    const index = new RoutingIndex();
    agent(index, 'alice', ['queue:support'], 0);
    index.adjustUsed('alice', 'voice', 1);
    index.addWaiting(item('wi_call', { bucket: 'voice' }));
    expect(index.decideNext()).toBeNull();
    index.addWaiting(item('wi_chat', { bucket: 'chat' }));
    expect(index.decideNext()?.item.workitemId).toBe('wi_chat');
    index.removeWaiting('wi_chat');
    index.adjustUsed('alice', 'voice', -1);
    expect(index.decideNext()?.item.workitemId).toBe('wi_call');
  });

  it('waits for an agent to become available, and never offers to the agent who skipped', () => {
    const index = new RoutingIndex();
    agent(index, 'alice', ['queue:support'], 0, false);
    index.addWaiting(item('wi_1', { skippedBy: 'bob' }));
    expect(index.decideNext()).toBeNull();
    agent(index, 'bob', ['queue:support'], 0);
    expect(index.decideNext()).toBeNull();
    index.setAvailable('alice', true, 10);
    expect(index.decideNext()?.agentUsername).toBe('alice');
  });

  // Its speed is measured in bench/server-routing.bench.ts; here, that at scale it still decides right.
  it('with 1,000 agents and 10,000 waiting items, each decision is the most urgent, oldest item for the longest idle agent', () => {
    const index = new RoutingIndex();
    const idle = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      // idle times out of name order, so that the longest idle is not simply the first name
      const since = (i * 7919) % 1000;
      agent(index, `a${i}`, ['queue:support'], since);
      idle.set(`a${i}`, since);
    }
    const waiting = new Map<string, WaitingItem>();
    for (let i = 0; i < 10_000; i++) {
      const w = item(`wi_${i}`, { orderAt: (i * 104_729) % 10_000, priority: [1, 2, 3, 5, 8][i % 5] });
      index.addWaiting(w);
      waiting.set(w.workitemId, w);
    }
    const used = new Map<string, number>();
    for (let round = 0; round < 1000; round++) {
      const decision = index.decideNext();
      expect(decision).not.toBeNull();
      const expectedItem = [...waiting.values()].reduce((best, w) => (w.priority < best.priority || (w.priority === best.priority && w.orderAt < best.orderAt) ? w : best));
      const free = [...idle.keys()].filter((name) => (used.get(name) ?? 0) < CAP.chat);
      const expectedAgent = free.reduce((best, name) => (idle.get(name)! < idle.get(best)! || (idle.get(name) === idle.get(best) && name < best) ? name : best));
      expect(decision!.item.workitemId).toBe(expectedItem.workitemId);
      expect(decision!.agentUsername).toBe(expectedAgent);
      index.removeWaiting(decision!.item.workitemId);
      waiting.delete(decision!.item.workitemId);
      index.adjustUsed(decision!.agentUsername, 'chat', 1);
      used.set(decision!.agentUsername, (used.get(decision!.agentUsername) ?? 0) + 1);
    }
  });
});
