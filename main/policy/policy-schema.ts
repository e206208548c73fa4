/**
 * The IT policy's keys: the one source of truth for the JSON file (Linux and every OS), the Windows
 * registry (HKLM\Software\Policies\Switchboard, set through the generated ADMX template), macOS managed
 * preferences (the generated .mobileconfig example) and docs/deployment.md — a test proves each lists
 * exactly these keys. Each key is validated on its own so one bad key is reported by name and the others
 * still apply (a typo in iceServers must not unlock the platform URL).
 */
import { z } from 'zod';
import { SettingValueSchema } from '../../common/desktop-api';

/** `what` reads after "must be": "an http(s): URL". */
const urlWithScheme = (schemes: string[], what: string) =>
  z.string({ error: `must be ${what} (a string)` }).refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      // not parseable as one: the refinement fails with its message
      return false;
    }
  }, `must be ${what}`);

const iceUrl = z.string({ error: 'must be a stun:/turn: URL (a string)' }).regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'must be a stun:/turn: URL');

export const ICE_SERVER_POLICY = z.strictObject({
  urls: z.union([iceUrl, z.array(iceUrl).min(1, 'must list at least one stun:/turn: URL')], { error: 'must be a stun:/turn: URL or a list of them' }),
  username: z.string({ error: 'must be a string' }).max(256).optional(),
  credential: z.string({ error: 'must be a string' }).max(1024).optional(),
});

/** Features IT can switch off; the renderer hides them and the core refuses their operations. */
export const POLICY_FEATURES = ['chat', 'email', 'sms', 'tasks', 'callbacks', 'outboundDial', 'transfer', 'conference', 'notifications', 'tray'] as const;

export const UPDATE_CHANNELS = ['latest', 'beta', 'alpha'] as const;

/** Top-level policy keys → the schema of each value. */
export const POLICY_KEYS = {
  /** the platform every agent on this machine signs in to; the sign-in form does not offer to change it */
  platformUrl: urlWithScheme(['https:', 'http:'], 'an http(s): URL'),
  /** further nodes of the same platform, tried in turn when the one in use cannot be reached (docs/scaling.md) */
  platformFailoverUrls: z.array(urlWithScheme(['https:', 'http:'], 'an http(s): URL'), { error: 'must be a list of http(s): URLs' }).max(20, 'must list at most 20 URLs'),
  /** the SIP edge (Kamailio) for calls: SIP over WebSocket */
  sipWsUrl: urlWithScheme(['wss:', 'ws:'], 'a ws(s): URL'),
  /** STUN/TURN servers for call media, replacing what the platform suggests */
  iceServers: z.array(ICE_SERVER_POLICY, { error: 'must be a list of {urls, username?, credential?}' }).max(20, 'must list at most 20 servers'),
  /** electron-updater channel */
  updateChannel: z.enum(UPDATE_CHANNELS, { error: `must be one of ${UPDATE_CHANNELS.join(', ')}` }),
  /** true: never check for or install updates (IT ships new versions itself) */
  updatesDisabled: z.boolean({ error: 'must be true or false' }),
  /** an internal mirror of the release files (electron-updater "generic" provider) */
  updateUrl: urlWithScheme(['https:'], 'an https: URL'),
  /** staged rollout: the share of this organisation's machines (0–100) that take a new version */
  updateRolloutPercentage: z
    .number({ error: 'must be a whole number from 0 to 100' })
    .int('must be a whole number from 0 to 100')
    .min(0, 'must be a whole number from 0 to 100')
    .max(100, 'must be a whole number from 0 to 100'),
  featuresDisabled: z.array(z.enum(POLICY_FEATURES, { error: `must be one of ${POLICY_FEATURES.join(', ')}` }), { error: 'must be a list of feature names' }),
  /** any further user setting, fixed to this value and shown read-only */
  settings: z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'must be a setting name (letters, digits, _ . -)'),
    SettingValueSchema,
    { error: 'must be an object of setting name → value' },
  ),
} as const;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

/**
 * How a key's value is written where the JSON file is not used: `registry` is the value type under
 * HKLM\Software\Policies\Switchboard (a list of objects or an object travels as JSON text in a REG_SZ,
 * since Group Policy has no such type); macOS profiles carry every value natively.
 */
export type ManagedValueKind = 'url' | 'enum' | 'boolean' | 'percentage' | 'stringList' | 'json';

export interface PolicyKeyDescription {
  kind: ManagedValueKind;
  /** short name, shown in the Group Policy editor */
  title: string;
  /** what it does, for the ADML explain text, the profile and the docs */
  explain: string;
  /** for `enum`: the values, for `stringList`: the allowed entries */
  choices?: readonly string[];
  /** a valid value: the example policy.json, the .mobileconfig and the docs show it (a test validates it) */
  example: unknown;
}

export const POLICY_KEY_DESCRIPTIONS: Record<PolicyKey, PolicyKeyDescription> = {
  platformUrl: { kind: 'url', title: 'Platform URL', explain: 'The platform agents sign in to (an http(s): URL). The sign-in form does not offer to change it.', example: 'https://switchboard.corp.example' },
  platformFailoverUrls: {
    kind: 'stringList',
    title: 'Platform failover URLs',
    explain: 'Further nodes of the same platform (http(s): URLs, one per line, at most 20). When the platform in use cannot be reached, the app tries these in turn, keeping its queued actions.',
    example: ['https://switchboard-b.corp.example', 'https://switchboard-c.corp.example'],
  },
  sipWsUrl: { kind: 'url', title: 'SIP edge URL', explain: 'The SIP edge (SIP over WebSocket, a ws(s): URL) used for calls, instead of the one the platform suggests.', example: 'wss://sip.corp.example:8443' },
  iceServers: {
    kind: 'json',
    title: 'STUN/TURN servers',
    explain: 'STUN/TURN servers for call media, replacing the platform\'s suggestion: a JSON list of {"urls": "stun:…" or ["turn:…"], "username", "credential"}, at most 20.',
    example: [{ urls: 'stun:stun.corp.example:3478' }, { urls: ['turns:turn.corp.example:5349'], username: 'agents', credential: 's3cret' }],
  },
  updateChannel: { kind: 'enum', title: 'Update channel', explain: 'The release channel automatic updates follow: latest (default), beta or alpha.', choices: UPDATE_CHANNELS, example: 'latest' },
  updatesDisabled: { kind: 'boolean', title: 'Turn off automatic updates', explain: 'When enabled, Switchboard never checks for, downloads or installs updates; IT ships new versions itself.', example: false },
  updateUrl: { kind: 'url', title: 'Update server', explain: 'An internal mirror of the release files (an https: URL of the folder holding latest.yml and the installers).', example: 'https://updates.corp.example/switchboard' },
  updateRolloutPercentage: {
    kind: 'percentage',
    title: 'Staged rollout percentage',
    explain: 'The share of machines (0-100) that install a new version; each machine has a fixed place in the order, so raising the figure adds machines and never swaps them. Without it a release\'s own stagingPercentage applies.',
    example: 100,
  },
  featuresDisabled: { kind: 'stringList', title: 'Features turned off', explain: 'Features to switch off, one per line.', choices: POLICY_FEATURES, example: ['chat'] },
  settings: { kind: 'json', title: 'Locked settings', explain: 'Any other user setting fixed to a value and locked: a JSON object of setting name to value, e.g. {"ringerDevice": "default"}.', example: { ringerDevice: 'default' } },
};
