/**
 * Settings over the typed API: `getSettings` as a cached query kept live by the core's `settingsChanged`
 * event for as long as anything shows it, and `saveSetting`, whose answer (the whole new SettingsView)
 * replaces the cached one. Saving is a plain thunk rather than an RTK Query mutation so a refusal stays
 * with the field that caused it instead of also becoming a global notice.
 */
import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ApiError, SavedDiagnostics, SettingsView } from '../../../../common/desktop-api';
import type { RootState } from '../../app/store';
import { callOperation, switchboardApi, type ThunkExtra } from '../../app/switchboardApi';
import type { SettingValue } from './settingDraft';

export const settingsApi = switchboardApi.injectEndpoints({
  endpoints: (build) => ({
    getSettings: build.query<SettingsView, void>({
      queryFn: (_arg, api) => callOperation((api.extra as ThunkExtra).switchboard, 'getSettings', {}),
      async onCacheEntryAdded(_arg, { extra, updateCachedData, cacheEntryRemoved }) {
        // Subscribed at once; before the first answer lands updateCachedData does nothing, which is right:
        // on the one ordered channel an event that arrives before the answer is already reflected in it.
        const unsubscribe = (extra as ThunkExtra).switchboard.onSettingsChanged((view) => updateCachedData(() => view));
        try {
          await cacheEntryRemoved;
        } finally {
          unsubscribe();
        }
      },
    }),
  }),
});

export const { useGetSettingsQuery } = settingsApi;

const selectGetSettings = settingsApi.endpoints.getSettings.select();
export const selectSettingsView = (state: RootState): SettingsView | undefined => selectGetSettings(state).data;

export const saveSetting = createAsyncThunk<SettingsView, { key: string; value: SettingValue }, { state: RootState; extra: ThunkExtra; rejectValue: ApiError }>(
  'settings/save',
  async (request, { extra, dispatch, rejectWithValue }) => {
    const result = await callOperation(extra.switchboard, 'setSetting', request);
    if ('error' in result) return rejectWithValue(result.error);
    await dispatch(settingsApi.util.upsertQueryData('getSettings', undefined, result.data));
    return result.data;
  },
);

/** Settings → "Save diagnostics": the core writes the support zip and says where. */
export const saveDiagnostics = createAsyncThunk<SavedDiagnostics, void, { state: RootState; extra: ThunkExtra; rejectValue: ApiError }>(
  'settings/saveDiagnostics',
  async (_request, { extra, rejectWithValue }) => {
    const result = await callOperation(extra.switchboard, 'saveDiagnostics', {});
    if ('error' in result) return rejectWithValue(result.error);
    return result.data;
  },
);
