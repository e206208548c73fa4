import { describe, expect, it } from 'vitest';
import { makeStore } from '../../../../renderer/src/app/store';
import { UNAVAILABLE, callOperation, switchboardApi } from '../../../../renderer/src/app/switchboardApi';
import { selectItemById } from '../../../../renderer/src/features/inbox/inboxSelectors';
import { selectNotices } from '../../../../renderer/src/features/notices/noticesSlice';
import { selectPresence } from '../../../../renderer/src/features/presence/presenceSlice';
import { fakeSwitchboard, ok, workItem } from '../fixtures';

describe('callOperation', () => {
  it('passes the request through and turns an ok result into data', async () => {
    const api = fakeSwitchboard();
    const item = workItem({ state: 'terminated' });
    api.handle('disposition', () => ok({ ...item, state: 'dispositioned' }));
    const result = await callOperation(api, 'disposition', { workitemId: item.workitemId, code: 'resolved', notes: 'done' });
    expect(result).toMatchObject({ data: { state: 'dispositioned' } });
    expect(api.calls).toEqual([{ name: 'disposition', request: { workitemId: item.workitemId, code: 'resolved', notes: 'done' } }]);
  });

  it('passes an error result through as the error', async () => {
    const api = fakeSwitchboard();
    api.handle('accept', () => ({ ok: false, error: { code: 'ILLEGAL_TRANSITION', message: 'offer expired' } }));
    expect(await callOperation(api, 'accept', { workitemId: 'wi_1' })).toEqual({ error: { code: 'ILLEGAL_TRANSITION', message: 'offer expired' } });
  });

  it('turns a transport that throws into an UNAVAILABLE error instead of a crash', async () => {
    const api = fakeSwitchboard();
    api.handle('getPresence', () => {
      throw new Error('socket closed');
    });
    const result = await callOperation(api, 'getPresence', {});
    expect(result).toMatchObject({ error: { code: UNAVAILABLE, message: expect.stringContaining('socket closed') } });
  });
});

describe('presence through RTK Query', () => {
  it('keeps the newest presence when answers arrive out of order', async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    api.handle('setPresence', () => ok({ username: 'alice', state: 'available', reasonCode: null, since: 200 }));
    api.handle('getPresence', () => ok({ username: 'alice', state: 'offline', reasonCode: null, since: 100 }));
    await store.dispatch(switchboardApi.endpoints.setPresence.initiate({ state: 'available' }));
    await store.dispatch(switchboardApi.endpoints.getPresence.initiate());
    expect(selectPresence(store.getState())?.state).toBe('available');
  });
});

describe('creating work items', () => {
  it('shows the created item at once', async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    const created = workItem({ type: 'callback', state: 'inqueue' });
    api.handle('createCallback', () => ok(created));
    await store.dispatch(switchboardApi.endpoints.createCallback.initiate({ phone: '+14155550123' }));
    expect(selectItemById(store.getState(), created.workitemId)).toMatchObject({ type: 'callback' });
  });

  it('leaves a refusal to the form that sent it, rather than a notice', async () => {
    const api = fakeSwitchboard();
    const store = makeStore(api);
    api.handle('createTask', () => ({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad', fields: [{ path: 'priority', message: 'no' }] } }));
    const result = await store.dispatch(switchboardApi.endpoints.createTask.initiate({ type: 'task' }));
    expect(result.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'priority', message: 'no' }] });
    expect(selectNotices(store.getState())).toEqual([]);
  });
});
