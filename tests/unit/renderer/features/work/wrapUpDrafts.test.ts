import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { selectWrapUpDraft, wrapUpDraftChanged } from '../../../../../renderer/src/features/work/wrapUpDrafts';
import { itemSelected } from '../../../../../renderer/src/features/workspace/workspaceEvents';
import { fakeSwitchboard, ok, workItem } from '../../fixtures';

describe('wrap-up drafts', () => {
  it('survive switching to another interaction and back', () => {
    const store = makeStore(fakeSwitchboard());
    const [a, b] = [workItem({ state: 'terminated' }), workItem({ state: 'active' })];
    store.dispatch(itemsChanged({ items: [a, b], removed: [] }));
    store.dispatch(wrapUpDraftChanged({ workitemId: a.workitemId, code: 'resolved' }));
    store.dispatch(wrapUpDraftChanged({ workitemId: a.workitemId, notes: 'Refunded' }));
    store.dispatch(itemSelected({ workitemId: b.workitemId }));
    store.dispatch(itemSelected({ workitemId: a.workitemId }));
    expect(selectWrapUpDraft(store.getState(), a.workitemId)).toEqual({ code: 'resolved', notes: 'Refunded' });
    expect(selectWrapUpDraft(store.getState(), b.workitemId)).toEqual({ code: '', notes: '' });
  });

  it('go once the item is dispositioned, by the agent or automatically', async () => {
    const fake = fakeSwitchboard();
    const [a, b] = [workItem({ state: 'terminated' }), workItem({ state: 'terminated' })];
    fake.handle('disposition', () => ok({ ...a, state: 'dispositioned', version: a.version + 1 }));
    const store = makeStore(fake);
    store.dispatch(wrapUpDraftChanged({ workitemId: a.workitemId, code: 'resolved' }));
    store.dispatch(wrapUpDraftChanged({ workitemId: b.workitemId, code: 'resolved' }));
    await store.dispatch(switchboardApi.endpoints.disposition.initiate({ workitemId: a.workitemId, code: 'resolved' }));
    store.dispatch(itemsChanged({ items: [{ ...b, state: 'dispositioned', version: b.version + 1 }], removed: [] }));
    expect(store.getState().wrapUpDrafts).toEqual({});
  });
});
