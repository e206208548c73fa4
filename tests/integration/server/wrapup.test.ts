/**
 * Wrap-up (seeds 000, 003): hang-up → terminated with wrapUpExpiresAt; a disposition with one of the
 * queue's codes → dispositioned; when wrap-up runs out, the queue's autoDispositionCode marked auto.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { activeItemFor, ok, queueOf, sleep, startScene, type Scene } from './helpers';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('wrap-up and disposition', () => {
  it('wrap-up timeout auto-dispositions with the queue autoDispositionCode, marked auto', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);

    const hung = ok(await alice.api.act(item.workitemId, 'hangup'), 'hangup');
    expect(hung.state).toBe('terminated');
    expect(hung.terminatedAt).not.toBeNull();
    // wrapUpExpiresAt = terminatedAt + the queue's wrap-up timeout (0.5 s)
    expect(hung.wrapUpExpiresAt! - hung.terminatedAt!).toBeGreaterThanOrEqual(450);
    expect(hung.wrapUpExpiresAt! - hung.terminatedAt!).toBeLessThanOrEqual(600);

    const done = await scene.supEvents.waitForItem(item.workitemId, (i) => i.state === 'dispositioned', 3_000);
    expect(done.disposition).toMatchObject({ code: 'wrap_up_timeout', auto: true });
    expect(done.dispositionedAt!).toBeGreaterThanOrEqual(hung.wrapUpExpiresAt! - 20);
    expect(ok(await alice.api.item(item.workitemId)).disposition?.auto).toBe(true);
  });

  it('a disposition with a code the queue does not have is a 400 field error; a good one completes the item', async () => {
    // A longer wrap-up so the timer cannot race the requests.
    scene = await startScene({ patch: (raw) => (queueOf(raw, 'support').wrapUpTimeoutSeconds = 3) });
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);

    const codes = ok(await alice.api.get('/v1/dispositions?queueId=support'));
    expect(codes).toEqual(['resolved', 'follow_up', 'escalated']);

    ok(await alice.api.act(item.workitemId, 'hangup'), 'hangup');
    const bad = await alice.api.act(item.workitemId, 'disposition', { code: 'sold' }); // a sales code
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields?.[0]?.path).toBe('code');
    expect(ok(await alice.api.item(item.workitemId)).state).toBe('terminated');

    const done = ok(await alice.api.act(item.workitemId, 'disposition', { code: 'resolved', notes: 'Refund issued' }), 'disposition');
    expect(done.state).toBe('dispositioned');
    expect(done.disposition).toEqual({ code: 'resolved', notes: 'Refund issued', auto: false });
    expect(done.dispositionedAt).not.toBeNull();
  });

  it('include=labels gives each code with its configured label (the code itself when none); a bad include is a 400', async () => {
    scene = await startScene({ patch: (raw) => (queueOf(raw, 'support').dispositionCodes = ['resolved', { code: 'follow_up', label: 'Call back later' }]) });
    const alice = await scene.agent('alice');
    expect(ok(await alice.api.get('/v1/dispositions?queueId=support'))).toEqual(['resolved', 'follow_up']);
    expect(ok(await alice.api.get('/v1/dispositions?queueId=support&include=labels'))).toEqual([
      { code: 'resolved', label: 'resolved' },
      { code: 'follow_up', label: 'Call back later' },
    ]);
    const bad = await alice.api.get('/v1/dispositions?queueId=support&include=everything');
    expect(bad.status).toBe(400);
  });

  it('a manual disposition cancels the wrap-up timer', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const item = await activeItemFor(scene, 'alice', alice);
    ok(await alice.api.act(item.workitemId, 'hangup'), 'hangup');
    ok(await alice.api.act(item.workitemId, 'disposition', { code: 'follow_up' }), 'disposition');
    await sleep(800); // past the 0.5 s wrap-up
    const after = ok(await alice.api.item(item.workitemId));
    expect(after.state).toBe('dispositioned');
    expect(after.disposition).toMatchObject({ code: 'follow_up', auto: false });
  });
});
