/**
 * Queue figures (seed 002): waiting, active, agents available, average and longest wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, eventually, inboundItem, offeredTo, ok, sleep, startScene, type Scene } from './helpers';
import type { QueueFigures } from '../../../common/api';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

async function figures(client: ApiClient, queueId: string): Promise<QueueFigures> {
  const all = ok(await client.get<QueueFigures[]>('/v1/queues'), 'GET /v1/queues');
  const found = all.find((q) => q.queueId === queueId);
  if (!found) throw new Error(`no figures for ${queueId}: ${JSON.stringify(all)}`);
  return found;
}

describe('queue figures', () => {
  it('counts waiting and active items, available agents, and wait times', async () => {
    scene = await startScene();
    const all = ok(await scene.sup.get<QueueFigures[]>('/v1/queues'));
    expect(all.map((q) => q.queueId).sort()).toEqual(['overflow', 'sales', 'support']);
    expect(all.find((q) => q.queueId === 'support')?.name).toBe('Support');

    const one = await inboundItem(scene.sup);
    const two = await inboundItem(scene.sup);
    await sleep(1_100);
    const waiting = await figures(scene.sup, 'support');
    expect(waiting).toMatchObject({ waiting: 2, active: 0, agentsAvailable: 0 });
    expect(waiting.longestWaitSeconds).toBeGreaterThanOrEqual(1);
    expect(waiting.longestWaitSeconds).toBeLessThan(10);
    expect(waiting.averageWaitSeconds).toBeGreaterThan(0);
    expect(waiting.averageWaitSeconds).toBeLessThanOrEqual(waiting.longestWaitSeconds);

    const alice = await scene.agent('alice'); // chat capacity 3: takes both
    for (const item of [one, two]) {
      await offeredTo(alice.events, 'alice', item.workitemId);
      ok(await alice.api.act(item.workitemId, 'accept'), 'accept');
    }
    const busy = await eventually(
      () => figures(alice.api, 'support'),
      (f) => f.waiting === 0 && f.active === 2,
      2_000,
    );
    expect(busy.agentsAvailable).toBe(1);
  });
});
