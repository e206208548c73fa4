import { describe, expect, it } from 'vitest';
import type { QueueFigures } from '../../../../../common/api';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { connectionChanged } from '../../../../../renderer/src/features/connection/connectionEvents';
import { queuesChanged } from '../../../../../renderer/src/features/queues/queuesEvents';
import { selectQueueById, selectQueues, selectQueuesLoaded } from '../../../../../renderer/src/features/queues/queueSelectors';
import { fakeSwitchboard, ok } from '../../fixtures';

const queue = (over: Partial<QueueFigures>): QueueFigures => ({
  queueId: 'support',
  name: 'Support',
  waiting: 0,
  active: 0,
  agentsAvailable: 0,
  averageWaitSeconds: 0,
  longestWaitSeconds: 0,
  ...over,
});

describe('queues slice', () => {
  it('is not loaded until figures arrive', () => {
    const store = makeStore(fakeSwitchboard());
    expect(selectQueuesLoaded(store.getState())).toBe(false);
    expect(selectQueues(store.getState())).toEqual([]);
  });

  it('shows the listed queues by name', async () => {
    const api = fakeSwitchboard();
    api.handle('listQueues', () => ok([queue({ queueId: 'sales', name: 'Sales' }), queue({ queueId: 'billing', name: 'Billing', waiting: 2 })]));
    const store = makeStore(api);
    await store.dispatch(switchboardApi.endpoints.listQueues.initiate());
    expect(selectQueues(store.getState()).map((q) => q.name)).toEqual(['Billing', 'Sales']);
    expect(selectQueuesLoaded(store.getState())).toBe(true);
  });

  it('replaces the figures with each pushed list, dropping queues no longer listed', () => {
    const store = makeStore(fakeSwitchboard());
    store.dispatch(queuesChanged([queue({ waiting: 1 }), queue({ queueId: 'sales', name: 'Sales' })]));
    store.dispatch(queuesChanged([queue({ waiting: 4, active: 2, agentsAvailable: 1, averageWaitSeconds: 30, longestWaitSeconds: 95 })]));
    expect(selectQueues(store.getState())).toHaveLength(1);
    expect(selectQueueById(store.getState(), 'support')).toMatchObject({ waiting: 4, active: 2, agentsAvailable: 1, longestWaitSeconds: 95 });
  });

  it('forgets the figures when the agent is signed out', () => {
    const store = makeStore(fakeSwitchboard());
    store.dispatch(queuesChanged([queue({})]));
    store.dispatch(connectionChanged({ state: 'signed_out', since: 1, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null }));
    expect(selectQueues(store.getState())).toEqual([]);
    expect(selectQueuesLoaded(store.getState())).toBe(false);
  });
});
