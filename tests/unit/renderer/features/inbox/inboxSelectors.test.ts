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
import { filterApplied, pagesWanted, sortChosen } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { INBOX_PAGE_ROWS, inboxPageArgs, nextSort, pagesNeeded } from '../../../../../renderer/src/features/inbox/inboxPaging';
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
    store.dispatch(filterApplied('state:active'));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('state:active', null, 0)));
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
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('', null, 0)));
    expect(selectInboxTotal(store.getState())).toBe(11);
  });
});

describe('the inbox rows', () => {
  it("are the current filter's, also when the agent goes back to a filter whose page is cached (A → B → A)", async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    const [a, b] = [workItem({ subject: 'in A' }), workItem({ subject: 'in B' })];
    api.handle('listInbox', (request) => ok({ total: 1, start: 0, rows: INBOX_PAGE_ROWS, items: request.q === 'b' ? [b] : [a] }));
    const show = async (query: string) => {
      store.dispatch(filterApplied(query));
      await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs(query, null, 0)));
      return selectInboxRows(store.getState()).map((item) => item.subject);
    };
    expect(await show('a')).toEqual(['in A']);
    expect(await show('b')).toEqual(['in B']);
    expect(await show('a')).toEqual(['in A']);
    store.dispatch(filterApplied('b'));
    // No new answer needed: B's page is in the cache.
    expect(selectInboxRows(store.getState()).map((item) => item.subject)).toEqual(['in B']);
  });

  it('join the pages loaded so far, in order, without repeating an id a shifted page repeats', async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    const items = Array.from({ length: 3 }, (_, i) => workItem({ subject: `row ${i}` }));
    api.handle('listInbox', (request) =>
      ok({ total: INBOX_PAGE_ROWS + 2, start: request.start ?? 0, rows: INBOX_PAGE_ROWS, items: (request.start ?? 0) === 0 ? [items[0], items[1]] : [items[1], items[2]] }),
    );
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('', null, 0)));
    store.dispatch(pagesWanted(2));
    await store.dispatch(switchboardApi.endpoints.listInbox.initiate(inboxPageArgs('', null, 1)));
    expect(selectInboxRows(store.getState()).map((item) => item.subject)).toEqual(['row 0', 'row 1', 'row 2']);
  });
});

describe('sorting by column', () => {
  it('goes ascending, descending, then back to the default order, and starts again at the first page', () => {
    expect(nextSort(null, 'priority')).toEqual({ field: 'priority', direction: 'asc' });
    expect(nextSort({ field: 'priority', direction: 'asc' }, 'priority')).toEqual({ field: 'priority', direction: 'desc' });
    expect(nextSort({ field: 'priority', direction: 'desc' }, 'priority')).toBeNull();
    expect(nextSort({ field: 'priority', direction: 'desc' }, 'dueAt')).toEqual({ field: 'dueAt', direction: 'asc' });
    expect(inboxPageArgs('state:active', { field: 'dueAt', direction: 'desc' }, 2)).toEqual({ q: 'state:active', rows: INBOX_PAGE_ROWS, start: 2 * INBOX_PAGE_ROWS, sort: 'dueAt desc' });
    const store = makeStore(fakeSwitchboard());
    store.dispatch(pagesWanted(4));
    store.dispatch(sortChosen({ field: 'subject', direction: 'asc' }));
    expect(store.getState().inbox).toMatchObject({ sort: { field: 'subject', direction: 'asc' }, pages: 1 });
  });
  it('asks for enough pages to show the rows in view and the next screenful', () => {
    expect(pagesNeeded(0, 10_000)).toBe(1);
    expect(pagesNeeded(INBOX_PAGE_ROWS - 10, 10_000)).toBe(2);
    expect(pagesNeeded(9_999, 10_000)).toBe(10_000 / INBOX_PAGE_ROWS);
    expect(pagesNeeded(0, 0)).toBe(1);
  });
});
