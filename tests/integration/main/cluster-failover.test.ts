/**
 * The desktop core against a real three-node platform cluster on one throw-away PostgreSQL: signed in to
 * the routing node, with the other two as `platformFailoverUrls`. The routing node is SIGKILLed while an
 * offer is on screen; actions taken meanwhile are queued, reach the cluster through another node once each
 * (same idempotency keys), and the event stream carries on there — new work is offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../../main/core';
import { ClusterClient, routingNode, startNode, stopNode, type ClusterNodeProcess } from '../server/cluster/cluster-support';
import { sharedOrOwnCluster } from '../../support/postgres';
import { invokeOk, makeTempDir, recordEvents, removeDir, startFailoverAgent, waitUntil } from './helpers';

describe('desktop failover across a platform cluster', () => {
  let pgCluster: Awaited<ReturnType<typeof sharedOrOwnCluster>>;
  const nodes: ClusterNodeProcess[] = [];
  let core: DesktopCore;
  let recorder: ReturnType<typeof recordEvents>;
  const desktopDir = makeTempDir();

  beforeAll(async () => {
    pgCluster = await sharedOrOwnCluster();
    const storeUrl = await pgCluster.createDatabase('desktop_cluster');
    nodes.push(await startNode(storeUrl));
    nodes.push(...(await Promise.all([startNode(storeUrl), startNode(storeUrl)])));
  }, 180_000);
  afterAll(async () => {
    await core?.close();
    await Promise.all(nodes.map((node) => stopNode(node)));
    removeDir(desktopDir);
    await pgCluster?.release();
  }, 60_000);

  it('keeps queued actions and the event stream going when the routing node is SIGKILLed', async () => {
    const urls = nodes.map((n) => n.url);
    const leaderUrl = await routingNode(urls);
    ({ core, recorder } = await startFailoverAgent(desktopDir, leaderUrl, urls.filter((u) => u !== leaderUrl)));

    const sup = await ClusterClient.login(urls.filter((u) => u !== leaderUrl), 0, 'sup');
    const first = (await sup.call('POST', '/v1/workitems', { type: 'email', queueId: 'support', subject: 'before the kill' }, crypto.randomUUID())).body;
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === first.workitemId, 15_000);

    const mark = recorder.mark();
    await nodes.find((n) => n.url === leaderUrl)!.kill('SIGKILL');
    expect(await core.invoke('accept', { workitemId: first.workitemId })).toMatchObject({ ok: true });
    await invokeOk(core, 'addNote', { workitemId: first.workitemId, text: 'taken while the routing node died' });

    await waitUntil(async () => (await invokeOk(core, 'getConnection', {})).pendingActions === 0, 'the outbox to drain on another node', 30_000);
    const truth = (await sup.call('GET', `/v1/workitems/${first.workitemId}`)).body;
    expect(truth.state).toBe('active');
    const counts: Record<string, number> = {};
    for (const entry of truth.timeEvents as { type: string }[]) counts[entry.type] = (counts[entry.type] ?? 0) + 1;
    expect(counts).toMatchObject({ accepted: 1, note: 1 });

    const next = (await sup.call('POST', '/v1/workitems', { type: 'email', queueId: 'support', subject: 'after the kill' }, crypto.randomUUID())).body;
    await recorder.waitFor('offerReceived', (o) => o.item.workitemId === next.workitemId, 30_000, mark);
  }, 120_000);
});
