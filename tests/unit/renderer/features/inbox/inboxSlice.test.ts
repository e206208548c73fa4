import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { connectionChanged } from '../../../../../renderer/src/features/connection/connectionEvents';
import { filterApplied, itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { INBOX_PAGE_ROWS, inboxPageArgs } from '../../../../../renderer/src/features/inbox/inboxPaging';
import { selectAllItems, selectInboxRows, selectInboxTotal, selectItemById } from '../../../../../renderer/src/features/inbox/inboxSelectors';
import { offerReceived } from '../../../../../renderer/src/features/offers/offerEvents';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

function setup() {
  const api = fakeSwitchboard();
  return { api, store: makeStore(api) };
}

describe('inbox slice', () => {
  it('adds and updates items from inbox/itemsChanged, keyed by workitemId', () => {
    const { store } = setup();
    const item = workItem({ subject: 'First' });
    store.dispatch(itemsChanged({ items: [item], removed: [] }));
    store.dispatch(itemsChanged({ items: [{ ...item, subject: 'Renamed', version: 2 }], removed: [] }));
    expect(selectAllItems(store.getState())).toHaveLength(1);
    expect(selectItemById(store.getState(), item.workitemId)?.subject).toBe('Renamed');
  });

  it('never lets an older version overwrite a newer one', () => {
    const { store } = setup();
    const item = workItem({ state: 'active', version: 5 });
    store.dispatch(itemsChanged({ items: [item], removed: [] }));
    store.dispatch(itemsChanged({ items: [{ ...item, state: 'offered', version: 4 }], removed: [] }));
    expect(selectItemById(store.getState(), item.workitemId)?.state).toBe('active');
  });

  it('removes items the core reports removed, from the entities and the page', async () => {
    const { api, store } = setup();
    const [a, b] = [workItem(), workItem()];
    api.handle('listInbox', () => ok({ total: 2, start: 0, rows: INBOX_PAGE_ROWS, items: [a, b] }));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('', null, 0)));
    store.dispatch(itemsChanged({ items: [], removed: [a.workitemId] }));
    expect(selectInboxRows(store.getState()).map((i) => i.workitemId)).toEqual([b.workitemId]);
    expect(selectItemById(store.getState(), a.workitemId)).toBeUndefined();
  });

  it('shows the filtered page in the order the core returned it, with its total', async () => {
    const { api, store } = setup();
    const [a, b, c] = [workItem(), workItem(), workItem()];
    store.dispatch(itemsChanged({ items: [a, b, c], removed: [] }));
    api.handle('listInbox', () => ok({ total: 7, start: 0, rows: INBOX_PAGE_ROWS, items: [c, a] }));
    store.dispatch(filterApplied('state:inqueue'));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('state:inqueue', null, 0)));
    expect(selectInboxRows(store.getState()).map((i) => i.workitemId)).toEqual([c.workitemId, a.workitemId]);
    expect(selectInboxTotal(store.getState())).toBe(7);
    // The items off the page stay known (the active panel may need them).
    expect(selectAllItems(store.getState())).toHaveLength(3);
  });

  it('takes the item an offer carries and the item an action returns', async () => {
    const { api, store } = setup();
    const offered = workItem({ state: 'offered' });
    store.dispatch(offerReceived({ item: offered, expiresAt: Date.now() + 30_000 }));
    expect(selectItemById(store.getState(), offered.workitemId)?.state).toBe('offered');
    api.handle('accept', () => ok({ ...offered, state: 'active', version: 2 }));
    await store.dispatch(switchboardApi.endpoints.accept.initiate({ workitemId: offered.workitemId }));
    expect(selectItemById(store.getState(), offered.workitemId)?.state).toBe('active');
  });

  it('keeps the trimmed filter as an event, and forgets everything when signed out', () => {
    const { store } = setup();
    store.dispatch(filterApplied('  state:active  '));
    store.dispatch(itemsChanged({ items: [workItem()], removed: [] }));
    expect(store.getState().inbox.query).toBe('state:active');
    store.dispatch(connectionChanged({ state: 'signed_out', since: 1, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null }));
    expect(store.getState().inbox.query).toBe('');
    expect(selectAllItems(store.getState())).toEqual([]);
  });
});
