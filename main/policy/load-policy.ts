/**
 * Reads the machine-wide IT policy file. It overrides and locks settings; a missing file means no
 * policy; a bad file never stops the app: the problem is reported by key (shown in Settings) and only
 * the keys that validated are applied.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { POLICY_KEY_NAMES, POLICY_KEYS, type PolicyKey } from './policy-schema';

export interface Policy {
  /** setting key → value; the top-level keys plus the entries of `settings` */
  values: Record<string, unknown>;
  /** every key in values: the UI shows them read-only and the core ignores user changes to them */
  locked: string[];
  /** what was wrong with the file, naming the key; null when it is fine or absent */
  error: string | null;
}

export const EMPTY_POLICY: Policy = Object.freeze({ values: {}, locked: [], error: null }) as Policy;

const MAX_POLICY_BYTES = 256 * 1024;

/** The machine-wide path for this OS; SWITCHBOARD_POLICY_FILE overrides it (tests, unusual installs). */
export function policyFilePath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_POLICY_FILE) return env.SWITCHBOARD_POLICY_FILE;
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Switchboard', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Switchboard/policy.json';
  return '/etc/switchboard/policy.json';
}

export async function loadPolicy(file: string = policyFilePath()): Promise<Policy> {
  const name = path.basename(file);
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_POLICY_BYTES) return { ...EMPTY_POLICY, error: `${name}: the file is larger than ${MAX_POLICY_BYTES / 1024} KiB; ignored` };
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return EMPTY_POLICY;
    return { ...EMPTY_POLICY, error: `${name}: cannot be read (${code ?? (error as Error).message}); ignored` };
  }
  return parsePolicy(text, name);
}

export function parsePolicy(text: string, name = 'policy.json'): Policy {
  let document: unknown;
  try {
    // Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ...EMPTY_POLICY, error: `${name}: not valid JSON (${(error as Error).message}); ignored` };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ...EMPTY_POLICY, error: `${name}: must be a JSON object of policy keys; ignored` };
  }

  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(document)) {
    if (!isPolicyKey(key)) {
      problems.push(`${name}: unknown key "${key}" (known keys: ${POLICY_KEY_NAMES.join(', ')})`);
      continue;
    }
    const parsed = POLICY_KEYS[key].safeParse(raw);
    if (!parsed.success) {
      problems.push(...describeIssues(name, key, parsed.error));
      continue;
    }
    if (key === 'settings') {
      for (const [setting, value] of Object.entries(parsed.data as Record<string, unknown>)) {
        if (isPolicyKey(setting)) problems.push(`${name}: "settings.${setting}" must be given as the top-level key "${setting}"`);
        else values[setting] = value;
      }
    } else {
      values[key] = parsed.data;
    }
  }
  return { values, locked: Object.keys(values), error: problems.length ? problems.join('; ') : null };
}

function isPolicyKey(key: string): key is PolicyKey {
  return Object.prototype.hasOwnProperty.call(POLICY_KEYS, key);
}

/** zod issues as `policy.json: "iceServers[0].urls" must be a stun:/turn: URL`. */
function describeIssues(name: string, key: string, error: z.ZodError): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    const where = formatPath([key, ...issue.path]);
    const message =
      issue.code === 'unrecognized_keys'
        ? `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    const line = `${name}: "${where}" ${message}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment)), '');
}
