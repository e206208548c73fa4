/**
 * User settings (key → JSON value, in the cache) under the IT policy: a policy value overrides the user's,
 * and a locked key cannot be changed from the app.
 *
 * The values are few and only the core writes them, so the core's loop keeps them in memory (`UserSettings`,
 * loaded once at start, written through to the database thread): reading a setting — the softphone's
 * devices as a call rings — never waits on the database.
 */
import type { SettingsView } from '../../common/desktop-api';
import { SwitchboardError } from '../../common/errors';
import type { RemoteCache } from './db/protocol';

export type SettingsPolicy = { values: Record<string, unknown>; locked: string[]; error: string | null };

export const NO_POLICY: SettingsPolicy = { values: {}, locked: [], error: null };

export class UserSettings {
  private constructor(
    private readonly cache: RemoteCache,
    private current: Record<string, unknown>,
  ) {}

  static async load(cache: RemoteCache): Promise<UserSettings> {
    return new UserSettings(cache, await cache.getSettings());
  }

  values(): Readonly<Record<string, unknown>> {
    return this.current;
  }

  /** Stored first, then shown: a write that fails leaves the settings as they were. */
  async set(key: string, value: unknown): Promise<void> {
    await this.cache.setSetting(key, value);
    this.current = { ...this.current, [key]: value };
  }
}

export function settingsView(settings: UserSettings, policy: SettingsPolicy): SettingsView {
  return {
    values: { ...settings.values(), ...policy.values } as SettingsView['values'],
    locked: [...policy.locked],
    policyError: policy.error,
  };
}

export async function setSetting(settings: UserSettings, policy: SettingsPolicy, key: string, value: unknown): Promise<SettingsView> {
  if (policy.locked.includes(key)) {
    throw new SwitchboardError('FORBIDDEN', `The setting "${key}" is locked by your organisation's policy and cannot be changed here.`);
  }
  await settings.set(key, value);
  return settingsView(settings, policy);
}
