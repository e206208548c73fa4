/**
 * The event stream (contract "Events"): seq increases by one per tenant event; a client reconnecting with
 * since=N gets every event after N that it may see, in order, then the live stream — nothing missed,
 * nothing twice; agents see only their own items; a restart on the same dataDir keeps items and seq.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PlatformEvent } from '../../../common/api';
import type { WorkItem } from '../../../common/workitem';
import { ApiClient, EventStream, inboundItem, itemIdOf, offeredTo, ok, removeDir, startScene, startTestPlatform, type Scene, type TestPlatform } from './helpers';

let scene: Scene | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  await scene?.close();
  scene = undefined;
});

function expectConsecutive(events: PlatformEvent[], from: number): void {
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => from + i));
}

describe('event stream', () => {
  it('seq starts at 1 and increases by exactly one per event for an admin', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    // Routing, RONA, presence and task changes: many kinds of event, each with its own seq.
    for (let i = 0; i < 3; i++) {
      const item = await inboundItem(scene.sup);
      await offeredTo(alice.events, 'alice', item.workitemId);
      ok(await alice.api.act(item.workitemId, i < 2 ? 'accept' : 'decline'));
    }
    for (let i = 0; i < 3; i++) {
      const task = ok(await scene.sup.createItem({ type: 'task', subject: `t${i}`, assignee: { agentUsername: 'bob' } }));
      ok(await scene.sup.act(task.workitemId, 'status', { status: 'in_progress' }));
    }
    await scene.supEvents.quiet(200);
    expect(scene.supEvents.events.length).toBeGreaterThan(10);
    expectConsecutive(scene.supEvents.events, 1);
    expect(scene.supEvents.badFrames).toEqual([]);
    for (const e of scene.supEvents.events) {
      expect(typeof e.type).toBe('string');
      expect(typeof e.at).toBe('number');
    }
  });

  it('resume: reconnecting with since=lastSeq delivers exactly the missed events in order, then live ones', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const first = await EventStream.of(scene.sup, { since: 0 });
    cleanups.push(() => first.close());
    await inboundItem(scene.sup);
    await first.waitFor((e) => e.type === 'workitem.created');
    await first.quiet(150);
    const lastSeq = first.lastSeq;
    await first.terminate(); // as a dropped network would

    // Changes while disconnected.
    const missed = [await inboundItem(scene.sup), await inboundItem(scene.sup), await inboundItem(scene.sup, 'overflow')];
    await offeredTo(alice.events, 'alice', missed[0].workitemId);
    ok(await alice.api.act(missed[0].workitemId, 'accept'));
    await scene.supEvents.waitForItem(missed[0].workitemId, (i) => i.state === 'active');
    await scene.supEvents.quiet(150);
    const expected = scene.supEvents.events.filter((e) => e.seq > lastSeq);

    const resumed = await EventStream.of(scene.sup, { since: lastSeq });
    cleanups.push(() => resumed.close());
    await resumed.waitFor((e) => e.seq === expected[expected.length - 1].seq, 3_000);
    expectConsecutive(resumed.events, lastSeq + 1);
    expect(resumed.events.slice(0, expected.length).map((e) => [e.seq, e.type, itemIdOf(e)])).toEqual(
      expected.map((e) => [e.seq, e.type, itemIdOf(e)]),
    );
    for (const item of missed) expect(resumed.events.some((e) => e.type === 'workitem.created' && itemIdOf(e) === item.workitemId)).toBe(true);

    // Then the live stream, with no gap and no repeat at the seam.
    const live = await inboundItem(scene.sup, 'overflow');
    await resumed.waitFor((e) => e.type === 'workitem.created' && itemIdOf(e) === live.workitemId);
    expectConsecutive(resumed.events, lastSeq + 1);
    expect(new Set(resumed.events.map((e) => e.seq)).size).toBe(resumed.events.length);
  });

  it('an agent sees only events about its own items and itself, resuming without gaps in what it may see', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const carol = await ApiClient.login(scene.platform.url, 'carol');
    const carolTask = ok(await scene.sup.createItem({ type: 'task', subject: 'carol only', assignee: { agentUsername: 'carol' } }));
    const aliceTask = ok(await scene.sup.createItem({ type: 'task', subject: 'alice only', assignee: { agentUsername: 'alice' } }));
    await alice.events.waitFor((e) => itemIdOf(e) === aliceTask.workitemId);
    await alice.events.quiet(150);
    expect(alice.events.forItem(carolTask.workitemId)).toEqual([]);
    for (const e of alice.events.events) {
      if (e.workitem) expect(e.workitem.agentUsername).toBe('alice');
      if (e.agent) expect(e.agent.username).toBe('alice');
    }
    const lastSeq = alice.events.lastSeq;
    await alice.events.close();

    const aliceSecond = ok(await scene.sup.createItem({ type: 'task', subject: 'alice again', assignee: { agentUsername: 'alice' } }));
    ok(await carol.act(carolTask.workitemId, 'status', { status: 'in_progress' }));
    await scene.supEvents.waitForItem(carolTask.workitemId, (i) => i.status === 'in_progress');

    const resumed = await EventStream.of(alice.api, { since: lastSeq });
    cleanups.push(() => resumed.close());
    await resumed.waitFor((e) => itemIdOf(e) === aliceSecond.workitemId);
    await resumed.quiet(150);
    expect(resumed.forItem(carolTask.workitemId)).toEqual([]);
    const seqs = resumed.events.map((e) => e.seq);
    expect(seqs[0]).toBeGreaterThan(lastSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    // What alice may see of the supervisor's stream after lastSeq is exactly what she got.
    const visible = scene.supEvents.events.filter((e) => e.seq > lastSeq && (itemIdOf(e) === aliceSecond.workitemId));
    for (const e of visible) expect(seqs).toContain(e.seq);
  });

  it('a restart on the same dataDir keeps items and continues seq', async () => {
    let platform: TestPlatform = await startTestPlatform();
    const dataDir = platform.dataDir;
    cleanups.push(async () => {
      await platform.close();
      await removeDir(dataDir);
    });
    let sup = await ApiClient.login(platform.url, 'sup');
    const items: WorkItem[] = [];
    for (let i = 0; i < 3; i++) items.push(ok(await sup.createItem({ type: 'task', subject: `keep ${i}`, assignee: { agentUsername: 'alice' } })));
    const moved = ok(await sup.act(items[0].workitemId, 'status', { status: 'in_progress' }));
    const before = await EventStream.of(sup, { since: 0 });
    await before.waitFor((e) => itemIdOf(e) === items[0].workitemId && e.workitem?.status === 'in_progress');
    await before.quiet(150);
    const lastSeq = before.lastSeq;
    await before.close();
    await platform.close({ keepData: true });

    platform = await startTestPlatform({ dataDir });
    sup = await ApiClient.login(platform.url, 'sup');
    for (const item of items) {
      const again = ok(await sup.item(item.workitemId));
      expect(again.workitemId).toBe(item.workitemId);
      expect(again.subject).toBe(item.subject);
    }
    const kept = ok(await sup.item(moved.workitemId));
    expect(kept.status).toBe('in_progress');
    expect(kept.version).toBe(moved.version);

    const after = await EventStream.of(sup, { since: 0 });
    cleanups.push(() => after.close());
    await after.waitFor((e) => e.seq === lastSeq, 3_000);
    const extra = ok(await sup.createItem({ type: 'task', subject: 'after restart', assignee: { agentUsername: 'bob' } }));
    const created = await after.waitFor((e) => e.type === 'workitem.created' && itemIdOf(e) === extra.workitemId);
    expect(created.seq).toBeGreaterThan(lastSeq);
    expectConsecutive(after.events, 1);
  });

  it('refuses a malformed since with 400', async () => {
    scene = await startScene();
    for (const since of ['abc', '-1', '1.5']) {
      const url = new URL(`/v1/events?since=${since}`, scene.platform.url.replace(/^http/, 'ws'));
      const status = await new Promise<number>((resolve) => {
        const socket = new WebSocket(url, { headers: { authorization: `Bearer ${scene!.sup.token}` } });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.once('open', () => {
          resolve(101);
          socket.close();
        });
        socket.once('error', () => resolve(-1));
      });
      expect(status, `since=${since}`).toBe(400);
    }
  });
});
