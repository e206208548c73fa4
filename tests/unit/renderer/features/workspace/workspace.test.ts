import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { itemSelected } from '../../../../../renderer/src/features/workspace/workspaceEvents';
import { selectOpenItems, selectSelectedItem } from '../../../../../renderer/src/features/workspace/workspaceSelectors';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

const selectedId = (store: ReturnType<typeof makeStore>) => selectSelectedItem(store.getState())?.workitemId ?? null;

describe('the selected interaction', () => {
  it('is nothing without open work, then the most pressing open item: a call before other kinds', () => {
    const store = makeStore(fakeSwitchboard());
    expect(selectedId(store)).toBeNull();
    const task = workItem({ state: 'active', assignedAt: 1 });
    const call = workItem({ type: 'call', channelType: 'voice', state: 'hold', assignedAt: 2 });
    const chat = workItem({ type: 'chat', channelType: 'chat', state: 'active', assignedAt: 3 });
    store.dispatch(itemsChanged({ items: [task, chat], removed: [] }));
    expect(selectedId(store)).toBe(task.workitemId);
    store.dispatch(itemsChanged({ items: [call], removed: [] }));
    // Active group first (calls first within it), then held, then wrap-ups.
    expect(selectOpenItems(store.getState()).map((item) => item.workitemId)).toEqual([task.workitemId, chat.workitemId, call.workitemId]);
  });

  it("follows the agent's choice, also of a finished item opened from the inbox", () => {
    const store = makeStore(fakeSwitchboard());
    const first = workItem({ state: 'active' });
    const done = workItem({ state: 'dispositioned' });
    store.dispatch(itemsChanged({ items: [first, done], removed: [] }));
    store.dispatch(itemSelected({ workitemId: done.workitemId }));
    expect(selectedId(store)).toBe(done.workitemId);
  });

  it('moves on when the chosen item is finished or removed', () => {
    const store = makeStore(fakeSwitchboard());
    const a = workItem({ state: 'active', assignedAt: 1 });
    const b = workItem({ state: 'terminated', terminatedAt: 5 });
    store.dispatch(itemsChanged({ items: [a, b], removed: [] }));
    store.dispatch(itemSelected({ workitemId: b.workitemId }));
    expect(selectedId(store)).toBe(b.workitemId);
    store.dispatch(itemsChanged({ items: [{ ...b, state: 'dispositioned', version: b.version + 1 }], removed: [] }));
    expect(selectedId(store)).toBe(a.workitemId);
    store.dispatch(itemSelected({ workitemId: a.workitemId }));
    store.dispatch(itemsChanged({ items: [], removed: [a.workitemId] }));
    expect(selectedId(store)).toBeNull();
  });

  it('jumps to a call when it connects, not when it is resumed', () => {
    const store = makeStore(fakeSwitchboard());
    const chat = workItem({ type: 'chat', channelType: 'chat', state: 'active' });
    const call = workItem({ type: 'call', channelType: 'voice', state: 'offered' });
    store.dispatch(itemsChanged({ items: [chat, call], removed: [] }));
    store.dispatch(itemSelected({ workitemId: chat.workitemId }));
    store.dispatch(itemsChanged({ items: [{ ...call, state: 'active', version: call.version + 1 }], removed: [] }));
    expect(selectedId(store)).toBe(call.workitemId);

    store.dispatch(itemsChanged({ items: [{ ...call, state: 'hold', version: call.version + 2 }], removed: [] }));
    store.dispatch(itemSelected({ workitemId: chat.workitemId }));
    store.dispatch(itemsChanged({ items: [{ ...call, state: 'active', version: call.version + 3 }], removed: [] }));
    expect(selectedId(store)).toBe(chat.workitemId);
  });

  it('is the item the agent just accepted', async () => {
    const fake = fakeSwitchboard();
    const other = workItem({ state: 'active' });
    const offered = workItem({ state: 'offered' });
    fake.handle('accept', () => ok({ ...offered, state: 'active', version: offered.version + 1 }));
    const store = makeStore(fake);
    store.dispatch(itemsChanged({ items: [other, offered], removed: [] }));
    expect(selectedId(store)).toBe(other.workitemId);
    await store.dispatch(switchboardApi.endpoints.accept.initiate({ workitemId: offered.workitemId }));
    expect(selectedId(store)).toBe(offered.workitemId);
  });
});
