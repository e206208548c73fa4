/**
 * Outbound work (seed 000's Outbound section): callbacks become ready at scheduledAt (or at once) and
 * progressive-dial campaigns offer one entry per available agent; each is offered with Dial and Skip.
 * Dial makes it an active outbound call; Skip hands it to the next available agent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { itemIdOf, makeTempDir, offeredTo, ok, queueOf, removeDir, sleep, startScene, type RawConfig, type Scene } from './helpers';
import type { PlatformEvent } from '../../../common/api';

let scene: Scene | undefined;
afterEach(async () => {
  await scene?.close();
  scene = undefined;
});

describe('callbacks', () => {
  it('normalises the phone to E.164, offers the callback with Dial and Skip, and Dial makes it an active outbound call', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const res = await scene.sup.post('/v1/callbacks', { phone: '(415) 555-0123', name: 'Pat Doe', reason: 'Billing question', queueId: 'support' });
    expect(res.status).toBe(201);
    const callback = res.body;
    expect(callback.type).toBe('callback');
    expect(callback.callback).toMatchObject({ phone: '+14155550123', name: 'Pat Doe', reason: 'Billing question' });

    const offer = await offeredTo(alice.events, 'alice', callback.workitemId);
    expect(offer.workitem?.direction).toBe('OUTBOUND');
    expect(offer.workitem?.actions).toEqual(expect.arrayContaining(['dial', 'skip']));

    const dialled = ok(await alice.api.act(callback.workitemId, 'dial'), 'dial');
    expect(dialled.state).toBe('active');
    expect(dialled.direction).toBe('OUTBOUND');
    expect(dialled.agentUsername).toBe('alice');
  });

  it('a callback scheduled in the future becomes ready (offered) only then', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const scheduledAt = Date.now() + 800;
    const callback = ok(await scene.sup.post('/v1/callbacks', { phone: '+1 202 555 0143', scheduledAt, queueId: 'support' }), 'create');
    expect(callback.callback.scheduledAt).toBe(scheduledAt);
    expect(callback.state).not.toBe('offered');

    const offer = await offeredTo(alice.events, 'alice', callback.workitemId, 3_000);
    expect(offer.at).toBeGreaterThanOrEqual(scheduledAt - 20);
    expect(offer.workitem!.offeredAt!).toBeGreaterThanOrEqual(scheduledAt - 20);
  });

  it('Skip hands the callback to the next available agent', async () => {
    scene = await startScene();
    const alice = await scene.agent('alice');
    const bob = await scene.agent('bob');
    const callback = ok(await scene.sup.post('/v1/callbacks', { phone: '212-555-1212', queueId: 'support' }), 'create');
    const first = await scene.supEvents.waitForItem(callback.workitemId, (i) => i.state === 'offered');
    const [skipper, other] = first.agentUsername === 'alice' ? [alice, bob] : [bob, alice];
    const otherName = first.agentUsername === 'alice' ? 'bob' : 'alice';
    const otherMark = other.events.mark();

    const skipped = await skipper.api.act(callback.workitemId, 'skip');
    expect(skipped.status).toBeLessThan(300);
    const next = await offeredTo(other.events, otherName, callback.workitemId, 3_000, otherMark);
    expect(next.workitem?.createdAt).toBe(callback.createdAt);
    const dialled = ok(await other.api.act(callback.workitemId, 'dial'), 'dial');
    expect(dialled.state).toBe('active');
  });

  it('refuses a bad or missing phone with a field error on phone', async () => {
    scene = await startScene();
    for (const body of [{ phone: '12', queueId: 'support' }, { phone: 'call me maybe' }, { queueId: 'support' }, { phone: 4155550123 }]) {
      const res = await scene.sup.post('/v1/callbacks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields?.[0]?.path).toBe('phone');
    }
  });
});

describe('progressive dial', () => {
  it('offers one campaign entry per available agent, and the next entry when an agent frees up', async () => {
    // Offers that outlast the test, so bob's untouched entry stays his.
    scene = await startScene({ patch: (raw) => (queueOf(raw, 'support').offerTimeoutSeconds = 10) });
    const alice = await scene.agent('alice');
    const bob = await scene.agent('bob');
    const created = await scene.sup.post('/v1/campaigns', {
      name: 'Renewals',
      queueId: 'support',
      entries: [
        { phone: '+14155550101', name: 'One' },
        { phone: '(415) 555-0102', name: 'Two' },
        { phone: '+14155550103', name: 'Three' },
      ],
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId;
    expect(typeof campaignId).toBe('string');
    const mark = scene.supEvents.mark();
    const started = await scene.sup.post(`/v1/campaigns/${campaignId}/start`);
    expect(started.status).toBeLessThan(300);

    const aliceOffer = await offeredTo(alice.events, 'alice', undefined, 3_000);
    const bobOffer = await offeredTo(bob.events, 'bob', undefined, 3_000);
    for (const offer of [aliceOffer, bobOffer]) {
      expect(offer.workitem?.direction).toBe('OUTBOUND');
      expect(offer.workitem?.actions).toEqual(expect.arrayContaining(['dial', 'skip']));
    }
    expect(itemIdOf(aliceOffer)).not.toBe(itemIdOf(bobOffer));

    // One per available agent: the third entry waits.
    await sleep(300);
    const offeredIds = (events: PlatformEvent[]) => new Set(events.filter((e) => e.workitem?.state === 'offered').map((e) => itemIdOf(e)));
    expect(offeredIds(scene.supEvents.events.slice(mark)).size).toBe(2);
    const phones = [aliceOffer, bobOffer].map((o) => o.workitem!.contact.phone ?? o.workitem!.callback?.phone);
    for (const phone of phones) expect(phone).toMatch(/^\+1415555010[123]$/);

    // alice works hers to the end; then the third entry is offered to her.
    const aliceMark = alice.events.mark();
    ok(await alice.api.act(itemIdOf(aliceOffer)!, 'dial'), 'dial');
    ok(await alice.api.act(itemIdOf(aliceOffer)!, 'hangup'), 'hangup');
    ok(await alice.api.act(itemIdOf(aliceOffer)!, 'disposition', { code: 'resolved' }), 'disposition');
    const third = await offeredTo(alice.events, 'alice', undefined, 3_000, aliceMark);
    expect(itemIdOf(third)).not.toBe(itemIdOf(aliceOffer));
    expect(itemIdOf(third)).not.toBe(itemIdOf(bobOffer));
    expect(third.workitem?.direction).toBe('OUTBOUND');
  });

  it('a running campaign keeps feeding after a restart', async () => {
    const dataDir = await makeTempDir();
    const patch = (raw: RawConfig) => (queueOf(raw, 'support').offerTimeoutSeconds = 10);
    try {
      scene = await startScene({ dataDir, patch });
      const alice = await scene.agent('alice');
      const created = ok(
        await scene.sup.post('/v1/campaigns', { name: 'Restart', queueId: 'support', entries: [{ phone: '+14155550201' }, { phone: '+14155550202' }] }),
        'create campaign',
      );
      ok(await scene.sup.post(`/v1/campaigns/${created.campaignId}/start`), 'start');
      await offeredTo(alice.events, 'alice', undefined, 3_000);
      await scene.close();

      // The campaign is still running in the store: a new agent becoming available gets the next entry.
      scene = await startScene({ dataDir, patch });
      await scene.agent('bob');
      const next = await scene.supEvents.waitFor((e) => e.type === 'workitem.offered' && e.workitem?.contact.phone === '+14155550202', 3_000);
      expect(next.workitem?.direction).toBe('OUTBOUND');
    } finally {
      await scene?.close();
      scene = undefined;
      await removeDir(dataDir);
    }
  });

  it('refuses a campaign with a bad phone, naming the entry', async () => {
    scene = await startScene();
    const res = await scene.sup.post('/v1/campaigns', { name: 'Bad', queueId: 'support', entries: [{ phone: '+14155550101' }, { phone: 'nope' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields?.[0]?.path).toBe('entries.1.phone');
  });
});
