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

  it('decides within a millisecond with 1,000 agents and 10,000 waiting items', () => {
    const index = new RoutingIndex();
    for (let i = 0; i < 1000; i++) agent(index, `a${i}`, ['queue:support'], i);
    for (let i = 0; i < 10_000; i++) index.addWaiting(item(`wi_${i}`, { orderAt: i, priority: [1, 2, 3, 5, 8][i % 5] }));
    const times: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      const d = index.decideNext()!;
      times.push(performance.now() - t);
      index.removeWaiting(d.item.workitemId);
      index.adjustUsed(d.agentUsername, 'chat', 1);
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length * 0.99)]).toBeLessThan(1);
  });
});
