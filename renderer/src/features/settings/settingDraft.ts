/**
 * Between a stored setting value and what its editor holds: a draft (the text, the tick, the ticked
 * features), parsed back into a value with a message naming what is wrong, and the read-only wording a
 * locked value is shown in (a TURN credential never appears on screen).
 */
import { keymapProblem } from '../shortcuts/keymap';
import { FEATURE_LABELS, type SettingDefinition } from './settingsCatalog';

export type SettingDraft = string | boolean | readonly string[];

/** Array.isArray narrows a readonly array to any[]; this keeps its element type. */
export function isFeatureDraft(draft: SettingDraft): draft is readonly string[] {
  return Array.isArray(draft);
}
export type SettingValue = string | number | boolean | null | unknown[] | Record<string, unknown>;
export type ParsedDraft = { ok: true; value: SettingValue } | { ok: false; message: string };

const ICE_URL = /^(stun|stuns|turn|turns):\S+$/;
const MAX_ICE_SERVERS = 20;

export function toDraft(definition: SettingDefinition, value: unknown): SettingDraft {
  switch (definition.kind.type) {
    case 'boolean':
      return value === true;
    case 'features':
      return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
    case 'iceServers':
    case 'json':
    case 'shortcuts':
      return value === undefined || value === null ? '' : JSON.stringify(value, null, 2);
    case 'number':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  }
}

export function sameDraft(a: SettingDraft, b: SettingDraft): boolean {
  if (isFeatureDraft(a) && isFeatureDraft(b)) return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
  return a === b;
}

/** The value to store for a draft; an emptied text field clears the setting (null). */
export function parseDraft(definition: SettingDefinition, draft: SettingDraft): ParsedDraft {
  const kind = definition.kind;
  if (kind.type === 'boolean') return { ok: true, value: draft === true };
  if (kind.type === 'features') return { ok: true, value: isFeatureDraft(draft) ? [...draft] : [] };

  const text = typeof draft === 'string' ? draft.trim() : '';
  if (kind.type === 'choice') {
    return kind.choices.some((choice) => choice.value === text)
      ? { ok: true, value: text }
      : { ok: false, message: `Choose one of ${kind.choices.map((choice) => choice.value).join(', ')}.` };
  }
  if (text === '') return { ok: true, value: null };

  switch (kind.type) {
    case 'url':
      return parseUrl(text, kind.schemes);
    case 'number': {
      const number = Number(text);
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: 'Enter a number.' };
    }
    case 'iceServers':
      return parseIceServers(text);
    case 'json':
      return parseJson(text);
    case 'shortcuts':
      return parseShortcuts(text);
    default:
      return { ok: true, value: text };
  }
}

function parseUrl(text: string, schemes: readonly string[]): ParsedDraft {
  const wanted = schemes.map((scheme) => `${scheme}//`).join(' or ');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `Enter a full address starting with ${wanted}.` };
  }
  return schemes.includes(url.protocol) ? { ok: true, value: text } : { ok: false, message: `The address must start with ${wanted}.` };
}

function parseJson(text: string): ParsedDraft {
  try {
    return { ok: true, value: JSON.parse(text) as SettingValue };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}

/** A remapping the keymap can use: known actions, keys that can be pressed, no two actions on one key. */
function parseShortcuts(text: string): ParsedDraft {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const problem = keymapProblem(parsed.value);
  return problem === null ? parsed : { ok: false, message: problem };
}

/** The same rules as the policy file's iceServers (docs/deployment.md), so a value IT could set is accepted here. */
function parseIceServers(text: string): ParsedDraft {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const list = parsed.value;
  if (!Array.isArray(list)) return { ok: false, message: 'Enter a JSON list, e.g. [{"urls": "stun:stun.example.com:3478"}].' };
  if (list.length > MAX_ICE_SERVERS) return { ok: false, message: `List at most ${MAX_ICE_SERVERS} servers.` };
  for (const [index, server] of list.entries()) {
    const where = `Server ${index + 1}`;
    if (typeof server !== 'object' || server === null || Array.isArray(server)) return { ok: false, message: `${where}: must be an object with "urls".` };
    const { urls, username, credential, ...rest } = server as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) return { ok: false, message: `${where}: unknown key ${extra.map((key) => `"${key}"`).join(', ')}.` };
    const urlList = Array.isArray(urls) ? urls : [urls];
    if (urlList.length === 0 || !urlList.every((url) => typeof url === 'string' && ICE_URL.test(url))) {
      return { ok: false, message: `${where}: "urls" must be a stun:/turn: URL or a list of them.` };
    }
    if (username !== undefined && typeof username !== 'string') return { ok: false, message: `${where}: "username" must be a string.` };
    if (credential !== undefined && typeof credential !== 'string') return { ok: false, message: `${where}: "credential" must be a string.` };
  }
  return { ok: true, value: list };
}

/** How a value reads when it cannot be edited: one line per ICE server, feature names, On/Off. */
export function displayLines(definition: SettingDefinition, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return ['Not set'];
  const kind = definition.kind;
  switch (kind.type) {
    case 'boolean':
      return [value === true ? 'On' : 'Off'];
    case 'choice':
      return [kind.choices.find((choice) => choice.value === value)?.label ?? String(value)];
    case 'features':
      if (!Array.isArray(value)) return [JSON.stringify(value)];
      return [value.length === 0 ? 'None' : value.map((feature) => FEATURE_LABELS[String(feature)] ?? String(feature)).join(', ')];
    case 'iceServers':
      return Array.isArray(value) ? (value.length === 0 ? ['None'] : value.map(describeIceServer)) : [JSON.stringify(value)];
    default:
      return [typeof value === 'string' ? value : JSON.stringify(value)];
  }
}

function describeIceServer(server: unknown): string {
  if (typeof server !== 'object' || server === null) return String(server);
  const { urls, username, credential } = server as Record<string, unknown>;
  const list = (Array.isArray(urls) ? urls : [urls]).map(String).join(', ');
  const who = [typeof username === 'string' ? `user ${username}` : null, credential !== undefined ? 'credential set' : null].filter(Boolean);
  return who.length > 0 ? `${list} (${who.join(', ')})` : list;
}
