/**
 * What the Settings view shows, derived from the core's SettingsView: one row per setting (the catalogue's,
 * then any other key the core reports), whether IT's policy locks it, and the policy file's problems split
 * one per key so each can be shown beside the setting it names.
 */
import type { SettingsView } from '../../../../common/desktop-api';
import { definitionForUnknown, KNOWN_SETTINGS, knownSetting, SETTING_GROUPS, type SettingDefinition, type SettingGroup } from './settingsCatalog';

export type SettingRow = {
  definition: SettingDefinition;
  /** undefined when the setting has never been set */
  value: unknown;
  locked: boolean;
  /** shown but not edited here, for the reason in definition.fixedHere (and not locked by policy) */
  fixedHere: boolean;
  /** the policy file's problem with this key (its policy value was ignored), if any */
  policyProblem: string | null;
};

export type PolicyProblem = {
  message: string;
  /** the top-level key the problem names ("iceServers" for "iceServers[0].urls"), or null for a whole-file problem */
  key: string | null;
};

/**
 * load-policy joins one line per bad key with "; ", each starting with the file name; splitting on
 * "; <file name>: " keeps a message that itself contains "; " in one piece.
 */
export function policyProblems(policyError: string | null): PolicyProblem[] {
  if (!policyError) return [];
  const colon = policyError.indexOf(': ');
  const prefix = colon > 0 ? policyError.slice(0, colon + 2) : null;
  const messages = prefix ? policyError.split(`; ${prefix}`).map((part, index) => (index === 0 ? part : prefix + part)) : [policyError];
  return messages.map((message) => ({ message, key: namedKey(message) }));
}

function namedKey(message: string): string | null {
  const quoted = /"([A-Za-z][A-Za-z0-9_-]*)/.exec(message);
  return quoted ? quoted[1] : null;
}

/**
 * `signedInPlatformUrl` fills in the platform address when no policy sets it: that is chosen on the
 * sign-in form, and the agent should see the one in use rather than an empty box.
 */
export function settingRows(view: SettingsView, signedInPlatformUrl: string | null = null): SettingRow[] {
  const problems = policyProblems(view.policyError);
  const locked = new Set(view.locked);
  const problemFor = (key: string) => {
    const named = problems.filter((problem) => problem.key === key).map((problem) => problem.message);
    return named.length > 0 ? named.join('; ') : null;
  };
  const fallback: Record<string, unknown> = signedInPlatformUrl ? { platformUrl: signedInPlatformUrl } : {};
  const row = (definition: SettingDefinition): SettingRow => ({
    definition,
    value: view.values[definition.key] ?? fallback[definition.key],
    locked: locked.has(definition.key),
    fixedHere: !locked.has(definition.key) && definition.fixedHere !== undefined,
    policyProblem: problemFor(definition.key),
  });

  const otherKeys = [...new Set([...Object.keys(view.values), ...view.locked])].filter((key) => !knownSetting(key)).sort();
  return [...KNOWN_SETTINGS.map(row), ...otherKeys.map((key) => row(definitionForUnknown(key, view.values[key])))];
}

export function groupRows(rows: readonly SettingRow[]): { group: SettingGroup; rows: SettingRow[] }[] {
  return SETTING_GROUPS.map((group) => ({ group, rows: rows.filter((row) => row.definition.group === group) })).filter((section) => section.rows.length > 0);
}
