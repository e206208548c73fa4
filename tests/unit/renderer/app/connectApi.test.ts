import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../../common/desktop-api';
import { connectApi } from '../../../../renderer/src/app/connectApi';
import { REFETCH_DEBOUNCE_MS } from '../../../../renderer/src/app/listeners';
import { makeStore } from '../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../renderer/src/app/switchboardApi';
import { selectConnection } from '../../../../renderer/src/features/connection/connectionSlice';
import { selectDialer } from '../../../../renderer/src/features/dialer/dialerSlice';
import { filterApplied } from '../../../../renderer/src/features/inbox/inboxEvents';
import { inboxPageArgs } from '../../../../renderer/src/features/inbox/inboxPaging';
import { selectInboxRows, selectItemById } from '../../../../renderer/src/features/inbox/inboxSelectors';
import { selectNotices } from '../../../../renderer/src/features/notices/noticesSlice';
import { selectOffers } from '../../../../renderer/src/features/offers/offerSelectors';
import { selectPresence } from '../../../../renderer/src/features/presence/presenceSlice';
import { selectQueues } from '../../../../renderer/src/features/queues/queueSelectors';
import { selectAgent, selectSessionKnown } from '../../../../renderer/src/features/session/sessionSlice';
import { fakeSwitchboard, ok, settle, workItem } from '../fixtures';

const agent = { username: 'alice', displayName: 'Alice Agent', scopes: ['workitems:read' as const], queues: ['support'] };
const online = { state: 'online' as const, since: 1, retryAt: null, lastSeq: 3, pendingActions: 0, platformUrl: 'http://127.0.0.1:8600' };

function setup() {
  const api = fakeSwitchboard();
  api.handle('getSession', () => ok({ agent, platformUrl: 'http://127.0.0.1:8600', tokenInMemoryOnly: false }));
  api.handle('getConnection', () => ok(online));
  const store = makeStore(api);
  const disconnect = connectApi(store, api);
  return { api, store, disconnect };
}

describe('connectApi', () => {
  it('asks the core who is signed in and how the connection stands', async () => {
    const { store } = setup();
    expect(selectSessionKnown(store.getState())).toBe(false);
    await settle();
    expect(selectSessionKnown(store.getState())).toBe(true);
    expect(selectAgent(store.getState())?.displayName).toBe('Alice Agent');
    expect(selectConnection(store.getState())?.state).toBe('online');
  });

  it('shows the sign-in form when nobody is signed in', async () => {
    const api = fakeSwitchboard();
    api.handle('getSession', () => ok({ agent: null, platformUrl: 'http://p', tokenInMemoryOnly: false }));
    const store = makeStore(api);
    connectApi(store, api);
    await settle();
    expect(selectSessionKnown(store.getState())).toBe(true);
    expect(selectAgent(store.getState())).toBeNull();
  });

  it('turns pushed events into store events', async () => {
    const { api, store } = setup();
    await settle();
    const item = workItem({ state: 'offered' });
    api.emit('offerReceived', { item, expiresAt: Date.now() + 30_000 });
    expect(selectOffers(store.getState()).map((o) => o.workitemId)).toEqual([item.workitemId]);

    api.emit('itemsChanged', { items: [{ ...item, state: 'active', version: 2 }], removed: [] });
    expect(selectItemById(store.getState(), item.workitemId)?.state).toBe('active');
    expect(selectOffers(store.getState())).toEqual([]);

    api.emit('connectionChanged', { ...online, state: 'offline', since: 50, pendingActions: 2 });
    expect(selectConnection(store.getState())).toMatchObject({ state: 'offline', pendingActions: 2 });

    api.emit('presenceChanged', { username: 'alice', state: 'not_ready', reasonCode: 'RONA', since: 60 });
    expect(selectPresence(store.getState())).toMatchObject({ state: 'not_ready', reasonCode: 'RONA' });

    api.emit('actionRejected', { operation: 'hold', workitemId: item.workitemId, error: { code: 'ILLEGAL_TRANSITION', message: 'not active' } });
    expect(selectNotices(store.getState()).at(-1)?.message).toMatch(/refused hold: not active/);
  });

  it('opens the dialer for a tel: link and shows pushed queue figures', async () => {
    const { api, store } = setup();
    await settle();
    api.emit('dialRequested', { number: '+14155550123' });
    expect(selectDialer(store.getState())).toMatchObject({ open: true, number: '+14155550123' });

    const figures = { queueId: 'support', name: 'Support', waiting: 2, active: 1, agentsAvailable: 0, averageWaitSeconds: 40, longestWaitSeconds: 75 };
    api.emit('queuesChanged', [figures]);
    expect(selectQueues(store.getState())).toEqual([figures]);
  });

  it('asks the core for the filtered page again, once per burst of changes', async () => {
    const { api, store } = setup();
    const first = workItem();
    const second = workItem();
    let page = [first];
    api.handle('listInbox', () => ok({ total: page.length, start: 0, rows: 50, items: page }));
    api.handle('listOutbound', () => ok([]));
    // the rows shown are those of the current filter's page, as the inbox hook asks for it
    store.dispatch(filterApplied('state:inqueue'));
    const pageArgs = inboxPageArgs('state:inqueue', null, 0);
    const subscription = store.dispatch(switchboardApi.endpoints.listInbox.initiate(pageArgs));
    await subscription;
    expect(selectInboxRows(store.getState()).map((i) => i.workitemId)).toEqual([first.workitemId]);

    page = [first, second];
    const before = api.calls.filter((c) => c.name === 'listInbox').length;
    api.emit('itemsChanged', { items: [second], removed: [] });
    api.emit('itemsChanged', { items: [{ ...second, version: 2 }], removed: [] });
    await settle(REFETCH_DEBOUNCE_MS * 3);
    const refetches = api.calls.filter((c) => c.name === 'listInbox').slice(before);
    expect(refetches).toEqual([{ name: 'listInbox', request: pageArgs }]);
    expect(selectInboxRows(store.getState()).map((i) => i.workitemId)).toEqual([first.workitemId, second.workitemId]);
    subscription.unsubscribe();
  });

  it('unsubscribes from every event it subscribed to', async () => {
    const { api, disconnect } = setup();
    await settle();
    expect(EVENT_NAMES.filter((e) => api.listenerCount(e) > 0).length).toBeGreaterThan(0);
    disconnect();
    expect(EVENT_NAMES.filter((e) => api.listenerCount(e) > 0)).toEqual([]);
  });
});
