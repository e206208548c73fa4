/**
 * User settings (key → JSON value, in the cache) under the IT policy: a policy value overrides the user's,
 * and a locked key cannot be changed from the app.
 */
import type { SettingsView } from '../../common/desktop-api';
import { SwitchboardError } from '../../common/errors';
import type { Cache } from './cache/cache';

export type SettingsPolicy = { values: Record<string, unknown>; locked: string[]; error: string | null };

export const NO_POLICY: SettingsPolicy = { values: {}, locked: [], error: null };

export function settingsView(cache: Cache, policy: SettingsPolicy): SettingsView {
  return {
    values: { ...cache.getSettings(), ...policy.values } as SettingsView['values'],
    locked: [...policy.locked],
    policyError: policy.error,
  };
}

export function setSetting(cache: Cache, policy: SettingsPolicy, key: string, value: unknown): SettingsView {
  if (policy.locked.includes(key)) {
    throw new SwitchboardError('FORBIDDEN', `The setting "${key}" is locked by your organisation's policy and cannot be changed here.`);
  }
  cache.setSetting(key, value);
  return settingsView(cache, policy);
}
