import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../../../common/desktop-api';
import { makeStore } from '../../../../../renderer/src/app/store';
import { selectNotices } from '../../../../../renderer/src/features/notices/noticesSlice';
import { saveSetting, selectSettingsView, settingsApi } from '../../../../../renderer/src/features/settings/settingsApi';
import { fakeSwitchboard, ok, settle } from '../../fixtures';

const INITIAL: SettingsView = { values: { updateChannel: 'beta' }, locked: ['updateChannel'], policyError: null };

function setUp() {
  const api = fakeSwitchboard();
  const store = makeStore(api);
  api.handle('getSettings', () => ok(INITIAL));
  return { api, store };
}

describe('the settings query', () => {
  it('loads the view and follows settingsChanged while something shows it', async () => {
    const { api, store } = setUp();
    const subscription = store.dispatch(settingsApi.endpoints.getSettings.initiate());
    await subscription;
    expect(selectSettingsView(store.getState())).toEqual(INITIAL);
    expect(api.listenerCount('settingsChanged')).toBe(1);

    const pushed: SettingsView = { values: { updateChannel: 'beta', ringerDevice: 'headset' }, locked: ['updateChannel'], policyError: null };
    api.emit('settingsChanged', pushed);
    expect(selectSettingsView(store.getState())).toEqual(pushed);

    // Once nothing shows settings and the cache entry goes, so does the subscription.
    subscription.unsubscribe();
    store.dispatch(settingsApi.util.resetApiState());
    await settle();
    expect(api.listenerCount('settingsChanged')).toBe(0);
  });

  it('keeps a load failure as the query error', async () => {
    const { api, store } = setUp();
    api.handle('getSettings', () => ({ ok: false, error: { code: 'INTERNAL', message: 'cache closed' } }));
    const result = await store.dispatch(settingsApi.endpoints.getSettings.initiate());
    expect(result.error).toEqual({ code: 'INTERNAL', message: 'cache closed' });
  });
});

describe('saveSetting', () => {
  it('sends setSetting and shows the view it answers with', async () => {
    const { api, store } = setUp();
    await store.dispatch(settingsApi.endpoints.getSettings.initiate());
    const after: SettingsView = { ...INITIAL, values: { ...INITIAL.values, sipWsUrl: 'wss://sip.example.com' } };
    api.handle('setSetting', () => ok(after));

    const result = await store.dispatch(saveSetting({ key: 'sipWsUrl', value: 'wss://sip.example.com' }));
    expect(saveSetting.fulfilled.match(result)).toBe(true);
    expect(api.calls.at(-1)).toEqual({ name: 'setSetting', request: { key: 'sipWsUrl', value: 'wss://sip.example.com' } });
    expect(selectSettingsView(store.getState())).toEqual(after);
  });

  it('hands a refusal to the field that caused it, not to the global notices', async () => {
    const { api, store } = setUp();
    await store.dispatch(settingsApi.endpoints.getSettings.initiate());
    const refusal = { code: 'FORBIDDEN', message: 'The setting "updateChannel" is locked by your organisation\'s policy and cannot be changed here.' };
    api.handle('setSetting', () => ({ ok: false, error: refusal }));

    const result = await store.dispatch(saveSetting({ key: 'updateChannel', value: 'alpha' }));
    expect(saveSetting.rejected.match(result)).toBe(true);
    expect(result.payload).toEqual(refusal);
    expect(selectSettingsView(store.getState())).toEqual(INITIAL);
    expect(selectNotices(store.getState())).toEqual([]);
  });

  it('reports a transport that throws as UNAVAILABLE', async () => {
    const { api, store } = setUp();
    api.handle('setSetting', () => {
      throw new Error('socket closed');
    });
    const result = await store.dispatch(saveSetting({ key: 'ringerDevice', value: 'default' }));
    expect(result.payload).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('socket closed') });
  });
});
