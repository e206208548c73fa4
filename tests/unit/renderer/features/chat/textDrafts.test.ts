import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { selectTextDraft, textDraftChanged } from '../../../../../renderer/src/features/chat/textDrafts';
import { connectionChanged } from '../../../../../renderer/src/features/connection/connectionEvents';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { fakeSwitchboard, workItem } from '../../fixtures';

describe('reply and note drafts', () => {
  it('are kept per item and per kind; an empty text (sending) clears one', () => {
    const store = makeStore(fakeSwitchboard());
    const [a, b] = [workItem({ type: 'chat', state: 'active' }), workItem({ type: 'chat', state: 'active' })];
    store.dispatch(textDraftChanged({ workitemId: a.workitemId, kind: 'reply', text: 'Hello' }));
    store.dispatch(textDraftChanged({ workitemId: a.workitemId, kind: 'note', text: 'Called twice' }));
    store.dispatch(textDraftChanged({ workitemId: b.workitemId, kind: 'reply', text: 'Other' }));
    expect(selectTextDraft(store.getState(), a.workitemId, 'reply')).toBe('Hello');
    expect(selectTextDraft(store.getState(), a.workitemId, 'note')).toBe('Called twice');
    expect(selectTextDraft(store.getState(), b.workitemId, 'note')).toBe('');
    store.dispatch(textDraftChanged({ workitemId: a.workitemId, kind: 'reply', text: '' }));
    expect(selectTextDraft(store.getState(), a.workitemId, 'reply')).toBe('');
    expect(selectTextDraft(store.getState(), a.workitemId, 'note')).toBe('Called twice');
    store.dispatch(textDraftChanged({ workitemId: a.workitemId, kind: 'note', text: '' }));
    expect(store.getState().textDrafts).toEqual({ [b.workitemId]: { reply: 'Other' } });
  });

  it('go when their item is finished or removed, and at sign-out', () => {
    const store = makeStore(fakeSwitchboard());
    const [a, b, c] = [workItem({ state: 'active' }), workItem({ state: 'active' }), workItem({ state: 'active' })];
    for (const item of [a, b, c]) store.dispatch(textDraftChanged({ workitemId: item.workitemId, kind: 'reply', text: 'draft' }));
    store.dispatch(itemsChanged({ items: [{ ...a, state: 'dispositioned', version: a.version + 1 }, { ...c, state: 'hold', version: c.version + 1 }], removed: [b.workitemId] }));
    expect(Object.keys(store.getState().textDrafts)).toEqual([c.workitemId]);
    store.dispatch(connectionChanged({ state: 'signed_out', since: 1, retryAt: null, lastSeq: 0, pendingActions: 0, platformUrl: null }));
    expect(store.getState().textDrafts).toEqual({});
  });
});
