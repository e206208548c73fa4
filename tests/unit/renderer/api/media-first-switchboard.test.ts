/**
 * Call setup before the screen: while the media engine makes an offer or answer (and from Accept on a
 * call until its negotiation begins), the screen's events and answers wait, in order, and are let through
 * once the engine's answer is sent, a refused accept comes back, or the hold's limit passes. Media requests
 * always pass at once; nothing is dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaRequestEnvelope } from '../../../../common/softphone-api';
import { ACCEPT_HOLD_LIMIT_MS, mediaFirstSwitchboard, NEGOTIATION_HOLD_LIMIT_MS } from '../../../../renderer/src/api/media-first-switchboard';
import { fakeSwitchboard, ok, workItem } from '../fixtures';

const negotiation = (requestId: string): MediaRequestEnvelope => ({
  engineId: 'engine-1',
  requestId,
  request: { kind: 'setDescription', callId: 'call-1', sdp: 'v=0\r\n', hold: false, answerOffer: true },
});
const mute = (requestId: string): MediaRequestEnvelope => ({ engineId: 'engine-1', requestId, request: { kind: 'mute', callId: 'call-1', muted: true } });

async function setup({ attached = true } = {}) {
  const fake = fakeSwitchboard();
  const api = mediaFirstSwitchboard(fake);
  fake.handle('attachMediaEngine', () => ok({ registration: 'registered' } as never));
  if (attached) await api.attachMediaEngine({ engineId: 'engine-1' });
  const seen: string[] = [];
  api.onMediaRequest((envelope) => seen.push(`media ${envelope.requestId}`));
  api.onItemsChanged((change) => seen.push(`items ${change.items.map((item) => item.workitemId).join(',')}`));
  api.onPresenceChanged((presence) => seen.push(`presence ${presence.state}`));
  api.onOfferReceived((offer) => seen.push(`offer ${offer.item.workitemId}`));
  fake.handle('answerMediaRequest', () => ok({ done: true as const }));
  fake.handle('accept', () => ok(workItem({ workitemId: 'wi_call', state: 'accepted' })));
  fake.handle('listInbox', () => ok({ items: [], total: 0, start: 0, rows: 50 }));
  return { fake, api, seen };
}

const itemsChanged = (id: string) => ({ items: [workItem({ workitemId: id })], removed: [] });
const presence = { username: 'alice', state: 'available' as const, reasonCode: null, since: 0 };

describe('mediaFirstSwitchboard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes everything straight through when no call is being set up', async () => {
    const { fake, seen } = await setup();
    fake.emit('itemsChanged', itemsChanged('wi_1'));
    fake.emit('mediaRequest', mute('mr_1')); // not a negotiation: holds nothing
    fake.emit('presenceChanged', presence);
    expect(seen).toEqual(['items wi_1', 'media mr_1', 'presence available']);
  });

  it('holds other events while a negotiation is unanswered, and delivers them in order once its answer is sent', async () => {
    const { fake, api, seen } = await setup();
    fake.emit('mediaRequest', negotiation('mr_1'));
    fake.emit('itemsChanged', itemsChanged('wi_1'));
    fake.emit('mediaRequest', mute('mr_2')); // a media request is never held
    fake.emit('presenceChanged', presence);
    expect(seen).toEqual(['media mr_1', 'media mr_2']);

    const answered = api.answerMediaRequest({ requestId: 'mr_1', result: { ok: true, answer: { answer: { sdp: 'v=0\r\n' } } } });
    // the answer left before the held events ran
    expect(fake.calls.map((c) => c.name)).toEqual(['attachMediaEngine', 'answerMediaRequest']);
    expect(seen).toEqual(['media mr_1', 'media mr_2', 'items wi_1', 'presence available']);
    expect(await answered).toEqual(ok({ done: true }));
  });

  it('holds answers to other operations too, and lets them through with the events', async () => {
    const { fake, api, seen } = await setup();
    fake.emit('mediaRequest', negotiation('mr_1'));
    let inbox: unknown = null;
    void api.listInbox({ query: '', limit: 50 } as never).then((result) => (inbox = result));
    await vi.advanceTimersByTimeAsync(0);
    expect(inbox).toBeNull();
    void api.answerMediaRequest({ requestId: 'mr_1', result: { ok: true, answer: {} } });
    await vi.advanceTimersByTimeAsync(0);
    expect(inbox).toEqual(ok({ items: [], total: 0, start: 0, rows: 50 }));
    expect(seen).toEqual(['media mr_1']);
  });

  it('never holds the screen past the limit when the engine does not answer', async () => {
    const { fake, seen } = await setup();
    fake.emit('mediaRequest', negotiation('mr_1'));
    fake.emit('itemsChanged', itemsChanged('wi_1'));
    await vi.advanceTimersByTimeAsync(NEGOTIATION_HOLD_LIMIT_MS - 1);
    expect(seen).toEqual(['media mr_1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['media mr_1', 'items wi_1']);
  });

  it('holds from Accept on a voice offer until its negotiation begins, then until that is answered', async () => {
    const { fake, api, seen } = await setup();
    fake.emit('offerReceived', { item: workItem({ workitemId: 'wi_call', channelType: 'voice' }), expiresAt: 0 });
    let accepted: unknown = null;
    void api.accept({ workitemId: 'wi_call' }).then((result) => (accepted = result));
    fake.emit('itemsChanged', itemsChanged('wi_call'));
    await vi.advanceTimersByTimeAsync(10);
    expect(seen).toEqual(['offer wi_call']);
    expect(accepted).toBeNull();

    // the call's negotiation takes over the hold, and its answer ends it: well before ACCEPT_HOLD_LIMIT_MS
    fake.emit('mediaRequest', negotiation('mr_1'));
    expect(seen).toEqual(['offer wi_call', 'media mr_1']);
    void api.answerMediaRequest({ requestId: 'mr_1', result: { ok: true, answer: {} } });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['offer wi_call', 'media mr_1', 'items wi_call']);
    expect(accepted).toMatchObject({ ok: true });
  });

  it('an accepted call whose INVITE never comes holds the screen no longer than ACCEPT_HOLD_LIMIT_MS', async () => {
    const { fake, api, seen } = await setup();
    fake.emit('offerReceived', { item: workItem({ workitemId: 'wi_call', channelType: 'voice' }), expiresAt: 0 });
    void api.accept({ workitemId: 'wi_call' });
    fake.emit('itemsChanged', itemsChanged('wi_call'));
    await vi.advanceTimersByTimeAsync(ACCEPT_HOLD_LIMIT_MS - 1);
    expect(seen).toEqual(['offer wi_call']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['offer wi_call', 'items wi_call']);
  });

  it('a refused accept releases the screen as its answer comes back', async () => {
    const { fake, api, seen } = await setup();
    fake.handle('accept', () => ({ ok: false, error: { code: 'CONFLICT', message: 'taken elsewhere' } }));
    fake.emit('offerReceived', { item: workItem({ workitemId: 'wi_call', channelType: 'voice' }), expiresAt: 0 });
    fake.emit('itemsChanged', itemsChanged('wi_0'));
    const result = api.accept({ workitemId: 'wi_call' });
    fake.emit('itemsChanged', itemsChanged('wi_call'));
    expect(await result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(seen).toEqual(['offer wi_call', 'items wi_0', 'items wi_call']);
  });

  it("another window's media requests, and a page without an engine, hold nothing", async () => {
    const other = await setup();
    other.fake.emit('mediaRequest', { ...negotiation('mr_1'), engineId: 'engine-of-another-tab' });
    other.fake.emit('itemsChanged', itemsChanged('wi_1'));
    expect(other.seen).toEqual(['media mr_1', 'items wi_1']);

    const bare = await setup({ attached: false });
    bare.fake.emit('offerReceived', { item: workItem({ workitemId: 'wi_call', channelType: 'voice' }), expiresAt: 0 });
    const accepted = bare.api.accept({ workitemId: 'wi_call' });
    bare.fake.emit('itemsChanged', itemsChanged('wi_call'));
    expect(bare.seen).toEqual(['offer wi_call', 'items wi_call']);
    expect(await accepted).toMatchObject({ ok: true });
  });

  it('accepting a chat (no call follows) holds nothing', async () => {
    const { fake, api, seen } = await setup();
    fake.emit('offerReceived', { item: workItem({ workitemId: 'wi_chat', channelType: 'chat' }), expiresAt: 0 });
    const result = api.accept({ workitemId: 'wi_chat' });
    fake.emit('itemsChanged', itemsChanged('wi_chat'));
    expect(seen).toEqual(['offer wi_chat', 'items wi_chat']);
    expect(await result).toMatchObject({ ok: true });
  });
});
