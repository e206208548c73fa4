import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import {
  isOutboundReady,
  selectInboxTotal,
  selectInboxRows,
  selectOutboundItems,
  selectWorkedItems,
  selectWrapUpItems,
} from '../../../../../renderer/src/features/inbox/inboxSelectors';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

const callbackDetails = (scheduledAt: number | null) => ({ phone: '+442071838750', name: 'Ann', reason: null, scheduledAt });

describe('isOutboundReady', () => {
  const none = new Set<string>();
  it('takes items waiting to be dialed: listed by the core or offering the dial action', () => {
    const listed = workItem({ type: 'callback', state: 'inqueue' });
    expect(isOutboundReady(listed, new Set([listed.workitemId]))).toBe(true);
    expect(isOutboundReady(workItem({ type: 'callback', state: 'offered', actions: ['dial', 'skip'] }), none)).toBe(true);
  });
  it('drops them once dialed, finished or when nothing marks them outbound', () => {
    const dialed = workItem({ type: 'callback', state: 'active', actions: ['dial'] });
    expect(isOutboundReady(dialed, new Set([dialed.workitemId]))).toBe(false);
    expect(isOutboundReady(workItem({ type: 'callback', state: 'closed', actions: ['dial'] }), none)).toBe(false);
    expect(isOutboundReady(workItem({ type: 'task', state: 'offered', actions: ['accept', 'decline'] }), none)).toBe(false);
  });
});

describe('screen selectors', () => {
  async function storeWith(page: ReturnType<typeof workItem>[], outbound: ReturnType<typeof workItem>[]) {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    api.handle('listInbox', () => ok({ total: page.length, start: 0, rows: 50, items: page }));
    api.handle('listOutbound', () => ok(outbound));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate({ q: 'state:active', rows: 50 }));
    await store.dispatch(switchboardApi.endpoints.listOutbound.initiate());
    return store;
  }

  it('keeps the Outbound section on top whatever the filter, most urgent first, and out of the table', async () => {
    const later = workItem({ type: 'callback', priority: 5, callback: callbackDetails(2_000) });
    const sooner = workItem({ type: 'callback', priority: 5, callback: callbackDetails(1_000) });
    const critical = workItem({ type: 'callback', priority: 1, callback: callbackDetails(9_000) });
    const task = workItem({ type: 'task', state: 'active' });
    // The filter's page happens to include one outbound item: it still shows only in its section.
    const store = await storeWith([task, later], [later, sooner, critical]);
    expect(selectOutboundItems(store.getState()).map((i) => i.workitemId)).toEqual([critical.workitemId, sooner.workitemId, later.workitemId]);
    expect(selectInboxRows(store.getState()).map((i) => i.workitemId)).toEqual([task.workitemId]);
  });

  it('picks worked items and wrap-ups for the right-hand column', async () => {
    const store = await storeWith([], []);
    const active = workItem({ state: 'active', assignedAt: 20 });
    const held = workItem({ state: 'hold', assignedAt: 10 });
    const wrap = workItem({ state: 'terminated', terminatedAt: 30, wrapUpExpiresAt: 150 });
    const done = workItem({ state: 'dispositioned' });
    const offered = workItem({ state: 'offered' });
    store.dispatch(itemsChanged({ items: [active, held, wrap, done, offered], removed: [] }));
    expect(selectWorkedItems(store.getState()).map((i) => i.workitemId)).toEqual([held.workitemId, active.workitemId]);
    expect(selectWrapUpItems(store.getState()).map((i) => i.workitemId)).toEqual([wrap.workitemId]);
  });
});

describe('selectInboxTotal', () => {
  it('does not count outbound items, which the table leaves to their own section', async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    const callback = workItem({ type: 'callback', state: 'offered', actions: ['dial', 'skip'] });
    const task = workItem({ state: 'active' });
    api.handle('listInbox', () => ok({ total: 12, start: 0, rows: 2, items: [task, callback] }));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate({ rows: 2 }));
    expect(selectInboxTotal(store.getState())).toBe(11);
  });
});
