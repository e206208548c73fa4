import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { offerReceived, offerRescinded } from '../../../../../renderer/src/features/offers/offerEvents';
import { isRinging, selectOffers } from '../../../../../renderer/src/features/offers/offerSelectors';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

function setup() {
  const api = fakeSwitchboard();
  return { api, store: makeStore(api) };
}

describe('offers', () => {
  it('rings from offers/offerReceived, soonest deadline first, with the item attached', () => {
    const { store } = setup();
    const late = workItem({ state: 'offered' });
    const early = workItem({ state: 'offered' });
    store.dispatch(offerReceived({ item: late, expiresAt: 60_000 }));
    store.dispatch(offerReceived({ item: early, expiresAt: 30_000 }));
    const offers = selectOffers(store.getState());
    expect(offers.map((o) => o.workitemId)).toEqual([early.workitemId, late.workitemId]);
    expect(offers[0].item.subject).toBe(early.subject);
  });

  it('stops ringing when rescinded, or when the item leaves the offered state', () => {
    const { store } = setup();
    const [a, b] = [workItem({ state: 'offered' }), workItem({ state: 'offered' })];
    store.dispatch(offerReceived({ item: a, expiresAt: 1 }));
    store.dispatch(offerReceived({ item: b, expiresAt: 2 }));
    store.dispatch(offerRescinded({ workitemId: a.workitemId, reason: 'RONA' }));
    expect(selectOffers(store.getState()).map((o) => o.workitemId)).toEqual([b.workitemId]);
    store.dispatch(itemsChanged({ items: [{ ...b, state: 'active', version: 2 }], removed: [] }));
    expect(selectOffers(store.getState())).toEqual([]);
  });

  it('marks an offer as being answered while Accept is on its way, and drops it when done', async () => {
    const { api, store } = setup();
    const item = workItem({ state: 'offered' });
    store.dispatch(offerReceived({ item, expiresAt: 30_000 }));
    let answer: (value: ReturnType<typeof ok<typeof item>>) => void = () => {};
    api.handle('accept', () => new Promise((resolve) => (answer = resolve)));
    const pending = store.dispatch(switchboardApi.endpoints.accept.initiate({ workitemId: item.workitemId }));
    expect(selectOffers(store.getState())[0].answering).toBe('accept');
    answer(ok({ ...item, state: 'active', version: 2 }));
    await pending;
    expect(selectOffers(store.getState())).toEqual([]);
  });

  it('lets the agent try again when Accept fails', async () => {
    const { api, store } = setup();
    const item = workItem({ state: 'offered' });
    store.dispatch(offerReceived({ item, expiresAt: 30_000 }));
    api.handle('accept', () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'core restarting' } }));
    await store.dispatch(switchboardApi.endpoints.accept.initiate({ workitemId: item.workitemId }));
    expect(selectOffers(store.getState())[0].answering).toBeNull();
  });

  it('leaves outbound items to the Outbound section instead of a toast', () => {
    const { store } = setup();
    store.dispatch(offerReceived({ item: workItem({ type: 'callback', state: 'offered', actions: ['dial', 'skip'] }), expiresAt: 30_000 }));
    expect(selectOffers(store.getState())).toEqual([]);
  });

  it('rings only until the deadline', () => {
    expect(isRinging({ expiresAt: 1000 }, 999)).toBe(true);
    expect(isRinging({ expiresAt: 1000 }, 1000)).toBe(false);
  });
});
