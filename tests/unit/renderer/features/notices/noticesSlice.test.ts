import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../../renderer/src/app/store';
import { switchboardApi } from '../../../../../renderer/src/app/switchboardApi';
import { actionRejected } from '../../../../../renderer/src/features/notices/noticeEvents';
import { itemsChanged } from '../../../../../renderer/src/features/inbox/inboxEvents';
import { NOTICE_TTL_MS, noticeDismissed, selectNotices } from '../../../../../renderer/src/features/notices/noticesSlice';
import { offerRescinded } from '../../../../../renderer/src/features/offers/offerEvents';
import { fakeSwitchboard, workItem } from '../../fixtures';

describe('notices', () => {
  it('tells the agent why the platform refused an optimistic action', () => {
    const store = makeStore(fakeSwitchboard());
    store.dispatch(actionRejected({ operation: 'disposition', workitemId: 'wi_1', error: { code: 'ILLEGAL_TRANSITION', message: 'item is not in wrap-up' } }));
    expect(selectNotices(store.getState())).toMatchObject([{ tone: 'error', message: 'The platform refused disposition: item is not in wrap-up' }]);
  });

  it('reports a failed action, but not a failed sign-in (the form shows that)', async () => {
    const store = makeStore(fakeSwitchboard());
    await store.dispatch(switchboardApi.endpoints.hangup.initiate({ workitemId: 'wi_1' }));
    await store.dispatch(switchboardApi.endpoints.signIn.initiate({ username: 'a', password: 'b' }));
    const notices = selectNotices(store.getState());
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toBe('Could not hangup: hangup has no fake');
  });

  it('explains a withdrawn offer by the name of its item, and can be dismissed', () => {
    const store = makeStore(fakeSwitchboard());
    const item = workItem({ subject: 'Refund for order 4471', state: 'offered' });
    store.dispatch(itemsChanged({ items: [item], removed: [] }));
    store.dispatch(offerRescinded({ workitemId: item.workitemId, reason: 'ACCEPTED_ELSEWHERE' }));
    const [notice] = selectNotices(store.getState());
    expect(notice).toMatchObject({ tone: 'info', message: '“Refund for order 4471” was taken by another agent.', ttlMs: NOTICE_TTL_MS.info });
    store.dispatch(noticeDismissed(notice.id));
    expect(selectNotices(store.getState())).toEqual([]);
  });
});
