/**
 * The settings the app knows by name: the keys of docs/deployment.md's policy file plus the documented
 * `ringerDevice`. Each entry says how to show and edit its value; any other key the core reports (a
 * policy's `settings` entry, a value stored earlier) is shown with an editor chosen from its value.
 * Descriptions say what the key is, not more: what reads each value lives in the core, not here.
 */

import { KEYMAP_SETTING, SHORTCUT_ACTIONS } from '../shortcuts/keymap';

/** How a value is edited. */
export type SettingKind =
  | { type: 'url'; schemes: readonly string[]; placeholder: string }
  | { type: 'choice'; choices: readonly { value: string; label: string }[] }
  | { type: 'boolean' }
  | { type: 'text'; placeholder?: string }
  | { type: 'number' }
  | { type: 'iceServers' }
  | { type: 'features' }
  | { type: 'json' }
  | { type: 'shortcuts' };

export type SettingDefinition = {
  key: string;
  label: string;
  group: SettingGroup;
  description?: string;
  /** how to write the value, shown only while it can be edited */
  editHint?: string;
  /** why the agent does not change this one here (it has its own place), even without a policy */
  fixedHere?: string;
  kind: SettingKind;
};

export const SETTING_GROUPS = ['Connection', 'Calls', 'Updates', 'Features', 'Other'] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** The features IT can switch off (main/policy/policy-schema.ts POLICY_FEATURES), with readable names. */
export const FEATURE_LABELS: Readonly<Record<string, string>> = {
  chat: 'Chat',
  email: 'Email',
  sms: 'SMS',
  tasks: 'Tasks',
  callbacks: 'Callbacks',
  outboundDial: 'Outbound dialling',
  transfer: 'Transfer',
  conference: 'Conference',
  notifications: 'Notifications',
  tray: 'Tray icon',
};

export const UPDATE_CHANNEL_CHOICES = [
  { value: 'latest', label: 'Latest (stable releases)' },
  { value: 'beta', label: 'Beta' },
  { value: 'alpha', label: 'Alpha' },
] as const;

export const KNOWN_SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'platformUrl',
    label: 'Platform address',
    group: 'Connection',
    description: 'The routing platform agents sign in to.',
    fixedHere: 'Chosen on the sign-in form.',
    kind: { type: 'url', schemes: ['https:', 'http:'], placeholder: 'https://switchboard.example.com' },
  },
  {
    key: 'sipWsUrl',
    label: 'SIP WebSocket address',
    group: 'Connection',
    description: 'The SIP edge for calls (SIP over WebSocket).',
    kind: { type: 'url', schemes: ['wss:', 'ws:'], placeholder: 'wss://sip.example.com:8443' },
  },
  {
    key: 'iceServers',
    label: 'STUN/TURN servers',
    group: 'Connection',
    description: 'Servers for call media.',
    editHint: 'A JSON list of {"urls", "username"?, "credential"?}; urls use stun:, stuns:, turn: or turns:.',
    kind: { type: 'iceServers' },
  },
  {
    key: 'ringerDevice',
    label: 'Ringer device',
    group: 'Calls',
    description: 'The audio output that rings on an offer ("default" for the system default).',
    kind: { type: 'text', placeholder: 'default' },
  },
  {
    key: 'notReadyReasons',
    label: 'Not Ready reasons',
    group: 'Calls',
    description: 'The reasons agents choose from when they go Not Ready.',
    editHint: 'A JSON list of names, e.g. ["Break", "Lunch", "Training"].',
    kind: { type: 'json' },
  },
  {
    key: 'updateChannel',
    label: 'Update channel',
    group: 'Updates',
    description: 'The release channel automatic updates follow.',
    kind: { type: 'choice', choices: UPDATE_CHANNEL_CHOICES },
  },
  { key: 'updatesDisabled', label: 'Never check for updates', group: 'Updates', kind: { type: 'boolean' } },
  {
    key: 'updateUrl',
    label: 'Update mirror',
    group: 'Updates',
    description: 'An internal mirror of the release files.',
    kind: { type: 'url', schemes: ['https:'], placeholder: 'https://updates.example.com/switchboard' },
  },
  {
    key: KEYMAP_SETTING,
    label: 'Keyboard shortcuts',
    group: 'Other',
    description: 'Keys for the shortcuts listed by ? (only the ones you change).',
    editHint: `A JSON object of action → keys, e.g. {"toggle-hold": "Alt+Shift+J", "focus-search": "F3"}. Actions: ${SHORTCUT_ACTIONS.join(', ')}. Two actions cannot share a key.`,
    kind: { type: 'shortcuts' },
  },
  {
    key: 'featuresDisabled',
    label: 'Switched-off features',
    group: 'Features',
    kind: { type: 'features' },
  },
];

const KNOWN_BY_KEY = new Map(KNOWN_SETTINGS.map((definition) => [definition.key, definition]));

export function knownSetting(key: string): SettingDefinition | undefined {
  return KNOWN_BY_KEY.get(key);
}

/** A key the catalogue does not name: edited as what its value already is. */
export function definitionForUnknown(key: string, value: unknown): SettingDefinition {
  const kind: SettingKind =
    typeof value === 'boolean' ? { type: 'boolean' } : typeof value === 'number' ? { type: 'number' } : typeof value === 'string' ? { type: 'text' } : { type: 'json' };
  return { key, label: key, group: 'Other', kind };
}
