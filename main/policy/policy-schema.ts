/**
 * The IT policy file's keys. Each key is validated on its own so one bad key is reported by name and
 * the others still apply (a typo in iceServers must not unlock the platform URL). Every key is
 * documented in docs/deployment.md.
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
